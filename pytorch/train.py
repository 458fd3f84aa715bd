"""
Continue a CPC Playground run in PyTorch, on one CPU, one GPU or many with torchrun:

    python3 train.py --data fashion-mnist --steps 2000 --out runs/more
    torchrun --nproc_per_node 4 train.py --data my-images/ --steps 20000 --out runs/big

It starts from config.json and weights.pt beside this file when they are there (the step they hold is
where the run goes on), or from --resume (a playground checkpoint .cpc.zip, or a weights.pt written here).
It writes to --out: metrics.jsonl, report.json (the linear probe against random init and raw pixels, as
the playground's headless runner reports it), weights.pt + config.json (to continue here) and
checkpoint.cpc.zip, which the playground opens with its curves and probes continued.

Data parallelism keeps the loss of the global batch: config.batchSize images per step, split over the
processes. Every process draws the same augmentation numbers and candidates from a generator seeded by
(seed, step); each encodes only its own images' patches, the codes of all images are gathered, and the
context, predictions and loss run on the whole batch, so 1 and N processes follow the same loss curve
(batch norm, which normalises each process's own patches, is the exception).
"""

import argparse
import contextlib
import json
import os
import sys
import time

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data.distributed import DistributedSampler

import checkpoint_zip
import images as image_data
import probe
import runlog
from augment import DRAWS_PER_PATCH, augment_patches
from cpc import (CPC, DEFAULT_CONFIG, binary_nce_losses, direction_views, extract_patches, info_nce_losses,
                 learning_rate_at, load_playground_optimizer, load_playground_state, make_optimizer, playground_optimizer_state,
                 playground_state, step_optimizer)

HERE = os.path.dirname(os.path.abspath(__file__))
WEIGHTS_FORMAT = "cpc-playground-weights"


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", required=True, help="an image folder (class subfolders optional) or mnist | fashion-mnist")
    p.add_argument("--steps", type=int, required=True, help="steps to train in this session")
    p.add_argument("--out", default="runs/pytorch", help="folder for checkpoints, metrics and the report")
    p.add_argument("--resume", help="a playground checkpoint (.cpc.zip) or a weights.pt to start from")
    p.add_argument("--config", help="a config.json to start from scratch with (default: the one beside train.py)")
    p.add_argument("--datasets", help="folder holding the built-in sets' <name>.json and <name>.png")
    p.add_argument("--log-every", type=int, default=10)
    p.add_argument("--save-every", type=int, default=1000, help="steps between checkpoints (and one at the end)")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    p.add_argument("--no-amp", action="store_true", help="train in float32 on CUDA too")
    p.add_argument("--no-probe", action="store_true", help="skip the final probe (report.json has probe null)")
    args = p.parse_args(argv)
    if args.steps < 1 or args.log_every < 1 or args.save_every < 1:
        p.error("--steps, --log-every and --save-every must be positive")
    return args


# -----------------------------------------------------------------------------
# Processes and devices


class Cluster:
    """This process's rank among `world` (torchrun sets the environment) and its device."""

    def __init__(self, device_choice):
        self.world = int(os.environ.get("WORLD_SIZE", 1))
        self.rank = int(os.environ.get("RANK", 0))
        local_rank = int(os.environ.get("LOCAL_RANK", 0))
        cuda = device_choice == "cuda" or (device_choice == "auto" and torch.cuda.is_available())
        if cuda:
            self.device = torch.device("cuda", local_rank)
            torch.cuda.set_device(self.device)
        else:
            self.device = torch.device("cpu")
            # Share the cores between the processes on this machine instead of oversubscribing them.
            local_world = int(os.environ.get("LOCAL_WORLD_SIZE", self.world))
            torch.set_num_threads(max(1, (os.cpu_count() or 1) // local_world))
        if self.world > 1:
            dist.init_process_group("nccl" if cuda else "gloo")

    @property
    def main(self):
        return self.rank == 0

    def describe(self):
        kind = torch.cuda.get_device_name(self.device) if self.device.type == "cuda" else "cpu"
        return f"pytorch {torch.__version__} {kind}" + (f" ×{self.world} (DDP)" if self.world > 1 else "")

    def close(self):
        if self.world > 1:
            dist.destroy_process_group()


# -----------------------------------------------------------------------------
# Where the run starts


class Start:
    """config; step done; weights and AdamW state by playground name (None for a fresh run); extra."""

    def __init__(self, config, step=0, params=None, m=None, v=None, count=0, extra=None, source="a fresh start"):
        self.config = {**DEFAULT_CONFIG, **config}
        self.step, self.params, self.m, self.v, self.count = step, params, m, v, count
        self.extra = extra or {}
        self.source = source


def find_start(args):
    if args.resume:
        return start_from_zip(args.resume) if args.resume.endswith(".zip") else start_from_weights(args.resume)
    if args.config:
        return Start(read_json(args.config), source=f"{args.config}, fresh weights")
    if os.path.exists(os.path.join(HERE, "weights.pt")):
        return start_from_weights(os.path.join(HERE, "weights.pt"))
    if os.path.exists(os.path.join(HERE, "config.json")):
        return Start(read_json(os.path.join(HERE, "config.json")), source="config.json, fresh weights")
    raise SystemExit("No config: put config.json beside train.py, or pass --config or --resume")


def start_from_zip(path):
    manifest, tensors = checkpoint_zip.read_checkpoint(path)
    params = {n: t for n, t in tensors.items() if not n.startswith("optimizer/")}
    m = {n[len("optimizer/m/"):]: t for n, t in tensors.items() if n.startswith("optimizer/m/")}
    v = {n[len("optimizer/v/"):]: t for n, t in tensors.items() if n.startswith("optimizer/v/")}
    count = int(tensors["optimizer/count"]) if "optimizer/count" in tensors else 0
    return Start(manifest["config"], manifest["step"], params, m or None, v or None, count,
                 manifest.get("extra"), source=f"{path} at step {manifest['step']}")


def start_from_weights(path):
    """weights.pt beside its config.json (and the playground's extra.json, which holds the curves)."""
    saved = torch.load(path, map_location="cpu")
    if saved.get("format") != WEIGHTS_FORMAT:
        raise SystemExit(f"{path}: not a {WEIGHTS_FORMAT} file")
    folder = os.path.dirname(os.path.abspath(path))
    extra_path = os.path.join(folder, "extra.json")
    extra = read_json(extra_path) if os.path.exists(extra_path) else {}
    opt = saved.get("optimizer")
    return Start(read_json(os.path.join(folder, "config.json")), int(saved["step"]), saved["params"],
                 opt and opt["m"], opt and opt["v"], int(opt["step"]) if opt else 0, extra,
                 source=f"{path} at step {int(saved['step'])}")


def read_json(path):
    with open(path) as f:
        return json.load(f)


def build(start, device):
    """The model (seeded init, then the saved weights) and its AdamW (with the saved moments)."""
    torch.manual_seed(start.config["seed"])
    model = CPC(start.config)
    if start.params is not None:
        load_playground_state(model, start.params)
    model.to(device)
    optimizer = make_optimizer(model, model.config)
    if start.m is not None:
        load_playground_optimizer(optimizer, model, start.m, start.v, start.count)
    return model, optimizer


# -----------------------------------------------------------------------------
# The global batch's loss, computed the same way on 1 or N processes


def loss_on_codes(model, z, batch, candidates):
    """CPC.loss_on_patches after its encoder: z [B·G·G, D] → mean loss and detached metrics.
    Kept here until cpc.py splits loss_on_patches at the codes."""
    table, g = model.table(batch), model.geometry["grid"]
    m = len(table["rows"])
    candidates = candidates.to(z.device).long().view(m, -1)  # [M, 1+N]
    c = model.context(direction_views(z.view(batch, g, g, -1), model.geometry["directions"]))  # [Ndir, B, T, L, H]
    ndir, h = c.shape[0], c.shape[-1]
    preds = (c.reshape(ndir, -1, h) @ model.predictors).reshape(-1, z.shape[1])  # [Ndir·B·T·L·K, D]
    preds = preds[torch.as_tensor(table["rows"], device=z.device)]  # [M, D]
    scores = (preds @ z.t()).gather(1, candidates).float()  # [M, 1+N]
    if model.config["loss"] == "infonce":
        losses = info_nce_losses(scores)  # [M]
    else:
        losses = binary_nce_losses(scores, model.config["codeSize"])  # [M]
    with torch.no_grad():
        wins = (scores[:, 0] > scores[:, 1:].max(1).values).float()  # [M]
        segments = table["segments"]
        metrics = dict(
            accuracy=wins.mean(),
            loss_k=torch.stack([losses[s:s + n].mean() for _, s, n in segments]),
            accuracy_k=torch.stack([wins[s:s + n].mean() for _, s, n in segments]),
            ks=[k for k, _, _ in segments],
        )
    loss = losses.mean()
    metrics["loss"] = loss.detach()
    return loss, metrics


class GatherCodes(torch.autograd.Function):
    """all_gather of every process's codes [n, D] → [world, n, D]. Each process then computes the same
    loss of the whole batch, so the gradient of its own codes is already whole: no communication back.
    It is scaled by `world` because DistributedDataParallel averages the encoder's gradients, which each
    process computed from its own share of the patches only."""

    @staticmethod
    def forward(ctx, z_local, world, rank):
        parts = [torch.empty_like(z_local) for _ in range(world)]
        dist.all_gather(parts, z_local.contiguous())
        ctx.world, ctx.rank = world, rank
        return torch.stack(parts)

    @staticmethod
    def backward(ctx, grad):
        return grad[ctx.rank] * ctx.world, None, None


class GlobalBatchLoss(torch.nn.Module):
    """What DistributedDataParallel wraps: this process's images in, the whole batch's loss out."""

    def __init__(self, model, rank, world):
        super().__init__()
        self.model, self.rank, self.world = model, rank, world

    def forward(self, local_images, batch, draws, candidates):
        # local_images [b, C, S, S]: the global batch's images at positions rank, rank + world, …
        # draws [B, G·G, 31]: augmentation numbers of the whole batch; candidates [M, 1+N] of the whole batch
        cfg = self.model.config
        patches = extract_patches(local_images, cfg["patchSize"], cfg["patchStride"])  # [b·G·G, C, P, P]
        local_draws = draws[self.rank::self.world].reshape(-1, DRAWS_PER_PATCH)  # [b·G·G, 31]
        patches = augment_patches(patches, cfg, draws=local_draws)
        z = self.model.encode(patches)  # [b·G·G, D]
        if self.world > 1:
            parts = GatherCodes.apply(z, self.world, self.rank)  # [world, b·G·G, D]
            g2 = draws.shape[1]
            z = parts.view(self.world, -1, g2, z.shape[1]).transpose(0, 1).reshape(-1, z.shape[1])  # [B·G·G, D]
        return loss_on_codes(self.model, z, batch, candidates)


def step_generator(seed, step, device):
    """Augmentation and negatives of a step come from (seed, step): the same on every process, and a
    resumed run needs no saved stream."""
    return torch.Generator(device).manual_seed((seed * 1_000_003 + step) % (2 ** 63))


# -----------------------------------------------------------------------------
# Batches: DistributedSampler hands each process its share of a seeded permutation per epoch


class Batches:
    def __init__(self, count, batch, cluster, seed):
        if batch % cluster.world:
            raise SystemExit(f"batchSize {batch} does not split over {cluster.world} processes")
        self.local = batch // cluster.world
        self.sampler = DistributedSampler(range(count), num_replicas=cluster.world, rank=cluster.rank,
                                          shuffle=True, seed=seed, drop_last=True)
        self.per_epoch = len(self.sampler) // self.local
        if self.per_epoch == 0:
            raise SystemExit(f"{count} training images are fewer than a batch of {batch}")

    def at(self, step):
        """This process's image indices for a 0-based step."""
        epoch, i = divmod(step, self.per_epoch)
        if getattr(self, "_epoch", None) != epoch:
            self.sampler.set_epoch(epoch)
            self._order, self._epoch = list(self.sampler), epoch
        return self._order[i * self.local : (i + 1) * self.local]


# -----------------------------------------------------------------------------
# Training


def train(args, cluster, start, model, optimizer, train_set, log):
    cfg, device, batch = model.config, cluster.device, model.config["batchSize"]
    step_module = GlobalBatchLoss(model, cluster.rank, cluster.world)
    if cluster.world > 1:
        step_module = DistributedDataParallel(step_module, device_ids=[device] if device.type == "cuda" else None)
    batches = Batches(len(train_set), batch, cluster, cfg["seed"])
    pixels = torch.as_tensor(train_set.pixels, device=device)  # [N, S, S, C] uint8, all on the device
    amp = device.type == "cuda" and not args.no_amp and torch.cuda.is_bf16_supported()
    history = runlog.History.load(start.extra.get("history"), model.geometry["ks"])
    rows, window, began = [], [], time.perf_counter()
    metrics_file = open(os.path.join(args.out, "metrics.jsonl"), "w") if cluster.main else None
    model.train()
    for i in range(args.steps):
        step = start.step + i  # 0-based index of this step
        local = pixels[batches.at(step)].permute(0, 3, 1, 2).float() / 255  # [b, C, S, S]
        generator = step_generator(cfg["seed"], step, device)
        g2 = model.geometry["grid"] ** 2
        draws = torch.rand(batch, g2, DRAWS_PER_PATCH, generator=generator, dtype=torch.float64, device=device)
        candidates = model.candidates_for(batch, generator, device)  # [M, 1+N]
        with torch.autocast("cuda", dtype=torch.bfloat16) if amp else contextlib.nullcontext():
            loss, metrics = step_module(local, batch, draws, candidates)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        grad_norm, accepted = step_optimizer(model, optimizer, loss, step)
        row = step_row(step + 1, metrics, float(grad_norm), learning_rate_at(step, cfg), accepted)
        rows.append(row)
        window.append(row)
        history.append(row)
        if not accepted:
            log(f"step {step + 1}: loss is {row['loss']}; the update was skipped (learning rate too high?)")
        if len(window) == args.log_every or i == args.steps - 1:
            write_window(metrics_file, window, began, i + 1, start.step + args.steps, batch, log)
            window = []
        if cluster.main and ((i + 1) % args.save_every == 0 or i == args.steps - 1):
            save(args, model, optimizer, step + 1, start, history, probe_history=None)
    if metrics_file:
        metrics_file.close()
    seconds = time.perf_counter() - began
    return rows, history, seconds


def step_row(step, metrics, grad_norm, learning_rate, accepted):
    return {
        "step": step,
        "loss": float(metrics["loss"]),
        "accuracy": float(metrics["accuracy"]),
        "ks": list(metrics["ks"]),
        "lossPerK": [float(v) for v in metrics["loss_k"]],
        "accuracyPerK": [float(v) for v in metrics["accuracy_k"]],
        "gradNorm": grad_norm,
        "learningRate": learning_rate,
        "finite": accepted,
    }


def write_window(metrics_file, window, began, done, last_step, batch, log):
    elapsed = time.perf_counter() - began
    line = runlog.window_row(window, elapsed * 1000)
    if metrics_file:
        metrics_file.write(json.dumps(line, default=runlog.json_number) + "\n")
        metrics_file.flush()
    log(f"step {line['step']}/{last_step}  loss {line['loss']:.4f}  cpc acc {line['accuracy']:.3f}  "
        f"lr {line['learningRate']:.2e}  {1000 * elapsed / done:.0f} ms/step  {batch * done / elapsed:.0f} images/s")


# -----------------------------------------------------------------------------
# Outputs


def save(args, model, optimizer, step, start, history, probe_history, report=None):
    """weights.pt + config.json (this script's format) and checkpoint.cpc.zip (the playground's)."""
    params = playground_state(model)
    opt = playground_optimizer_state(optimizer, model)
    m = {n[len("optimizer/m/"):]: t for n, t in opt.items() if n.startswith("optimizer/m/")}
    v = {n[len("optimizer/v/"):]: t for n, t in opt.items() if n.startswith("optimizer/v/")}
    count = int(opt["optimizer/count"])
    torch.save({
        "format": WEIGHTS_FORMAT, "version": 1, "step": step,
        "params": {n: torch.from_numpy(t) for n, t in params.items()},
        "optimizer": {"m": {n: torch.from_numpy(t) for n, t in m.items()},
                      "v": {n: torch.from_numpy(t) for n, t in v.items()}, "step": count},
    }, os.path.join(args.out, "weights.pt"))
    extra = playground_extra(args, start, history, probe_history, report)
    runlog.write_json(os.path.join(args.out, "config.json"), model.config)
    runlog.write_json(os.path.join(args.out, "extra.json"), extra)
    checkpoint_zip.write_checkpoint(os.path.join(args.out, "checkpoint.cpc.zip"), model.config, step,
                                    {**params, **opt}, extra)


def playground_extra(args, start, history, probe_history, report):
    """The checkpoint's `extra` as the page writes it (runExtra.ts), plus the runner's data and report."""
    before = start.extra
    points = probe_history if probe_history is not None else before.get("probeHistory", [])
    extra = {
        "runId": before.get("runId"),
        "name": before.get("name"),
        "presetId": before.get("presetId"),
        "dataset": dataset_ref(args.data, before.get("dataset")),
        "history": history.to_json(),
        "probeHistory": points,
        "data": args.data,
    }
    if report is not None:
        extra["report"] = report
    return extra


def dataset_ref(data, before):
    """What the page resumes on (datasetRef.ts): the built-in set, or a folder it asks to import again."""
    if data in image_data.BUILTIN_DATASETS:
        return {"kind": "builtin", "name": data}
    name = os.path.basename(os.path.normpath(data))
    if isinstance(before, dict) and before.get("kind") == "images" and before.get("name") == name:
        return before
    return {"kind": "images", "name": name, "storedImagesId": None}


def final_report(args, cluster, model, rows, seconds, probe_result, train_set):
    last = rows[-runlog.REPORT_WINDOW:]
    geometry = runlog.geometry_of(model.config)
    steps = rows[-1]["step"]
    return {
        "steps": steps,
        "loss": runlog.mean(r["loss"] for r in last),
        "cpcAccuracy": runlog.mean(r["accuracy"] for r in last),
        "probe": probe_result,
        "backend": cluster.describe(),
        "msPerStep": 1000 * seconds / len(rows),
        "trainMinutes": seconds / 60,
        "nonFiniteSteps": sum(1 for r in rows if not r["finite"]),
        "data": train_set.description,
        "config": model.config,
        "geometry": geometry,
    }


def main(argv):
    args = parse_args(argv)
    cluster = Cluster(args.device)
    log = (lambda line: print(line, flush=True)) if cluster.main else (lambda line: None)
    start = find_start(args)
    cfg = start.config
    train_set, test_set = image_data.load_data(args.data, cfg["imageSize"], cfg["channels"], cfg["seed"], args.datasets)
    log(f"start: {start.source}; data: {train_set.description}, {len(train_set)} training images; {cluster.describe()}")
    os.makedirs(args.out, exist_ok=True)
    model, optimizer = build(start, cluster.device)
    rows, history, seconds = train(args, cluster, start, model, optimizer, train_set, log)
    log(f"trained {len(rows)} steps in {seconds:.1f} s: {cfg['batchSize'] * len(rows) / seconds:.1f} images/s")
    if cluster.world > 1:
        dist.barrier()
    cluster.close()
    if not cluster.main:
        return
    model.eval()
    probe_result = None
    if test_set is not None and not args.no_probe:
        probe_result = probe.compare_with_random_init(model, train_set, test_set, cluster.device)
        log_probe(probe_result, log)
    report = final_report(args, cluster, model, rows, seconds, probe_result, train_set)
    points = start.extra.get("probeHistory", [])
    if probe_result is not None:
        points = [p for p in points if p["step"] < report["steps"]] + [runlog.probe_point(report["steps"], probe_result)]
    runlog.write_json(os.path.join(args.out, "report.json"), runlog.finite_or_null(report))
    save(args, model, optimizer, report["steps"], start, history, points, runlog.finite_or_null(report))
    log(f"wrote metrics.jsonl, report.json, weights.pt, config.json, checkpoint.cpc.zip to {args.out}")


def log_probe(result, log):
    pct = lambda v: f"{100 * v:.1f}%"  # noqa: E731
    log(f"probe ({result['trainImages']} train / {result['testImages']} test images), linear / kNN:")
    log(f"  pixels: {pct(result['pixels']['linear'])} / {pct(result['pixels']['knn'])}")
    for feature, s in result["features"].items():
        mark = " (default)" if feature == result["feature"] else ""
        log(f"  {feature}{mark}: CPC {pct(s['cpc']['linear'])} / {pct(s['cpc']['knn'])}, "
            f"random init {pct(s['randomInit']['linear'])} / {pct(s['randomInit']['knn'])}")


if __name__ == "__main__":
    main(sys.argv[1:])
