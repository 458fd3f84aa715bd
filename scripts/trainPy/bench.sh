#!/usr/bin/env bash
# pytorch/train.py on 1 process and on 2 (torchrun, gloo on CPU, or nccl on 2 GPUs) with the same global
# batch: prints both loss curves side by side, their largest difference, and images/s after warm-up.
#   scripts/trainPy/bench.sh [steps, default 40] [data, default fashion-mnist] [config.json, default: the playground's default]
# PYTHON picks the interpreter (default /usr/bin/python3, where Debian's python3-torch lives).
set -euo pipefail
PY=${PYTHON:-/usr/bin/python3}
STEPS=${1:-40}
DATA=${2:-fashion-mnist}
OUT=$(mktemp -d)
cd "$(dirname "$0")/../../pytorch"
if [[ -n "${3:-}" ]]; then cp "$3" "$OUT/config.json"; else
  "$PY" -c 'import json, cpc; print(json.dumps(cpc.DEFAULT_CONFIG))' >"$OUT/config.json"
fi
common=(--data "$DATA" --config "$OUT/config.json" --steps "$STEPS" --log-every 1 --no-probe)
"$PY" train.py "${common[@]}" --out "$OUT/one" | tail -1
# --redirects/--tee: torchrun of torch 1.13 fails on Python 3.11 with its default of 0 (Std.from_str).
"$PY" -m torch.distributed.run --redirects 1 --tee 1 --nproc_per_node 2 train.py "${common[@]}" --out "$OUT/two" | tail -1
"$PY" - "$OUT" <<'EOF'
import json, sys
def rows(name):
    return [json.loads(line) for line in open(f"{sys.argv[1]}/{name}/metrics.jsonl")]
one, two = rows("one"), rows("two")
batch = json.load(open(f"{sys.argv[1]}/config.json"))["batchSize"]
def images_per_s(r, skip=5):
    return batch * (len(r) - skip) / ((r[-1]["elapsedMs"] - r[skip - 1]["elapsedMs"]) / 1000)
print("step   loss, 1 process     loss, 2 processes   relative difference")
for a, b in zip(one, two):
    print(f"{a['step']:4d}   {a['loss']:.7f}           {b['loss']:.7f}           {abs(a['loss'] - b['loss']) / abs(a['loss']):.1e}")
worst = max(abs(a["loss"] - b["loss"]) / abs(a["loss"]) for a, b in zip(one, two))
print(f"largest relative loss difference: {worst:.1e}")
print(f"images/s after step 5: 1 process {images_per_s(one):.1f}, 2 processes {images_per_s(two):.1f}")
EOF
