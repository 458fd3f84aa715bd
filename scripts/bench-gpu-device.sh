#!/usr/bin/env bash
# Runs `npm run bench -- gpu` on an offline GPU machine from what scripts/bench-gpu-pack.sh put in
# .gpu-carry/ (no npm, no network): run it from the repo root. Arguments go to the script, e.g.
#   bash scripts/bench-gpu-device.sh --json "$OUT/bench-gpu.json" --workload default,reference
set -euo pipefail
cd "$(dirname "$0")/.."
# Unpacked outside the repo, so that .gpu-carry/ stays small enough to carry again.
work=/tmp/bench-gpu
unxz() { python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"; }
if [ ! -x "$work/node" ]; then
  mkdir -p "$work"
  cp -r .gpu-carry/. "$work/"
  unxz "$work/node.xz" "$work/node" && chmod +x "$work/node"
  dawn="$work/node_modules/webgpu/dist/linux-x64/dawn.node"
  unxz "$dawn.xz" "$dawn"
fi
if ! ldconfig -p | grep 'libvulkan\.so\.1 ' >/dev/null; then
  for deb in "$work"/deb/*.deb; do [ -f "$deb" ] && dpkg -x "$deb" /; done
  ldconfig
fi
# The NVIDIA container runtime mounts the driver's Vulkan ICD here rather than in /usr/share/vulkan.
icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
if [ -z "${VK_DRIVER_FILES:-}" ] && [ -f "$icd" ]; then export VK_DRIVER_FILES="$icd"; fi
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader || true
# From the repo root: the PyTorch reference runs scripts/bench/reference_cpc.py from there.
exec "$work/node" "$work/bench-gpu.mjs" "$@"
