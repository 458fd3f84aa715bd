"""PyTorch reference of the CPC training step, for `npm run bench` (scripts/bench/reference.ts).

Reads a dump written by the harness from the tfjs engine (config, initial weights, one batch of patches,
candidate indices and prediction rows, and the tfjs loss and gradient norm on them), then:
  1. correctness: rebuilds the engine's forward pass (src/cpc/encoders/simpleCnn.ts, nn/norm.ts,
     context/gru.ts, model/cpcModel.ts, losses/contrastive.ts) and compares loss and gradient norm;
  2. speed: trains on that batch (forward, backward, clipping, AdamW) and reports ms/step.
Supports the simple-cnn encoder, the GRU context and both losses; prints one JSON object.

  python3 scripts/bench/reference_cpc.py DUMP.json [--steps 500] [--budget-s 10] [--min-steps 3] [--threads N]
      [--device cpu|cuda|auto]   (where the speed run trains; auto: cuda when torch sees a GPU. The
                                  correctness check always runs on the CPU, in float64 and float32.)
"""
import argparse
import base64
import json
import math
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

LEAKY_ALPHA = 0.3  # simpleCnn.ts
NORM_EPSILON = 1e-5  # norm.ts


def decode(entry, dtype):
    values = np.frombuffer(base64.b64decode(entry["data"]), dtype=dtype).copy()
    return values.reshape(entry["shape"])


def same_padding(size, out, kernel, stride):
    """TensorFlow's split: for 'same', the extra pixel goes to the bottom/right (ops/conv2d.ts)."""
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def conv2d_same(x, w, b, stride):
    """x [N, C, H, W]; w in tfjs layout [k, k, Cin, Cout]."""
    k, h, wd = w.shape[0], x.shape[2], x.shape[3]
    top, bottom = same_padding(h, math.ceil(h / stride), k, stride)
    left, right = same_padding(wd, math.ceil(wd / stride), k, stride)
    x = F.pad(x, (left, right, top, bottom))
    return F.conv2d(x, w.permute(3, 2, 0, 1), b, stride=stride)


def norm(kind, params, scope, x):
    """x is [N, C, H, W] or [N, F]; gains and biases are per channel (norm.ts)."""
    if kind == "none":
        return x
    shape = (1, -1, 1, 1) if x.dim() == 4 else (1, -1)
    if kind == "layer":
        axes = tuple(range(1, x.dim()))
        gain, bias = params[f"{scope}/ln_gain"], params[f"{scope}/ln_bias"]
    else:  # batch norm in training mode: statistics over the batch and space
        axes = (0, 2, 3) if x.dim() == 4 else (0,)
        gain, bias = params[f"{scope}/bn_gain"], params[f"{scope}/bn_bias"]
    mean = x.mean(dim=axes, keepdim=True)
    variance = ((x - mean) ** 2).mean(dim=axes, keepdim=True)
    normed = (x - mean) * torch.rsqrt(variance + NORM_EPSILON)
    return normed * gain.view(shape) + bias.view(shape)


def encode(config, params, patches):
    """patches [N, P, P, C] in [0, 1] → codes [N, D] (simpleCnn.ts)."""
    x = (patches * 2 - 1).permute(0, 3, 1, 2)
    for i in range(config["encoderDepth"]):
        scope = f"encoder/conv{i}"
        x = conv2d_same(x, params[f"{scope}/w"], params[f"{scope}/b"], 2)
        x = F.leaky_relu(norm(config["norm"], params, scope, x), LEAKY_ALPHA)
    h = x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)  # flattened in NHWC order, as tfjs does
    if config["encoderHidden"] > 0:
        h = h @ params["encoder/hidden/w"] + params["encoder/hidden/b"]
        h = F.leaky_relu(norm(config["norm"], params, "encoder/hidden", h), LEAKY_ALPHA)
    return h @ params["encoder/code/w"] + params["encoder/code/b"]


def direction_views(z_grid, directions):
    """[B, G, G, D] → [Ndir, B, T, L, D] (model/directionViews.ts)."""
    views = {
        "down": lambda g: g,
        "up": lambda g: torch.flip(g, [1]),
        "right": lambda g: g.transpose(1, 2),
        "left": lambda g: torch.flip(g.transpose(1, 2), [1]),
    }
    return torch.stack([views[d](z_grid) for d in directions])


def gru(params, z):
    """PyTorch's gate convention, hand-written as in context/gru.ts: [Ndir, B, T, L, D] → [Ndir, B, T, L, H]."""
    ndir, b, t, lanes, d = z.shape
    hidden = params["context/wh"].shape[1]
    seqs = z.permute(0, 1, 3, 2, 4).reshape(ndir, b * lanes, t, d)
    xs = (seqs.reshape(ndir, -1, d) @ params["context/wx"] + params["context/bx"]).reshape(ndir, b * lanes, t, -1)
    h = torch.zeros(ndir, b * lanes, hidden, dtype=z.dtype, device=z.device)
    outputs = []
    for step in range(t):
        hp = h @ params["context/wh"] + params["context/bh"]
        xr, xu, xn = xs[:, :, step].split(hidden, dim=2)
        hr, hu, hn = hp.split(hidden, dim=2)
        r = torch.sigmoid(xr + hr)
        u = torch.sigmoid(xu + hu)
        n = torch.tanh(xn + r * hn)
        h = n + u * (h - n)
        outputs.append(h)
    c = torch.stack(outputs, 2)  # [Ndir, S, T, H]
    return c.reshape(ndir, b, lanes, t, hidden).permute(0, 1, 3, 2, 4)


def loss_of(config, params, batch):
    """Mean loss of one batch (model/cpcModel.ts forward, losses/contrastive.ts)."""
    z = encode(config, params, batch["patches"])  # [B·G·G, D]
    g, d = batch["grid"], config["codeSize"]
    z_grid = z.reshape(batch["batch"], g, g, d)
    c = gru(params, direction_views(z_grid, batch["directions"]))
    ndir, b, t, lanes, hidden = c.shape
    preds = (c.reshape(ndir, b * t * lanes, hidden) @ params["predictors/w"]).reshape(-1, d)
    scores = (preds[batch["predictionRows"]] @ z.T).gather(1, batch["candidates"])  # [M, 1+N]
    if config["loss"] == "infonce":
        losses = -torch.log_softmax(scores, dim=1)[:, 0]
    else:
        s = scores / d
        losses = 0.5 * (F.softplus(-s[:, 0]) + F.softplus(s[:, 1:]).mean(dim=1))
    return losses.mean()


def load(dump, dtype, device="cpu"):
    params = {
        w["name"]: torch.tensor(
            decode(w, np.float32), dtype=dtype, device=device, requires_grad=w["trainable"]
        )
        for w in dump["weights"]
    }
    width = 1 + dump["config"]["negatives"]
    batch = {
        "patches": torch.tensor(decode(dump["patches"], np.float32), dtype=dtype, device=device),
        "candidates": torch.tensor(
            decode(dump["candidates"], np.int32).astype(np.int64), device=device
        ).reshape(-1, width),
        "predictionRows": torch.tensor(
            decode(dump["predictionRows"], np.int32).astype(np.int64), device=device
        ),
        "batch": dump["batch"],
        "grid": dump["grid"],
        "directions": dump["directions"],
    }
    return params, batch


def check(dump, dtype):
    params, batch = load(dump, dtype)
    loss = loss_of(dump["config"], params, batch)
    trainable = [p for p in params.values() if p.requires_grad]
    grads = torch.autograd.grad(loss, trainable)
    grad_norm = torch.sqrt(sum((g**2).sum() for g in grads))
    return float(loss), float(grad_norm)


def relative(a, b):
    return abs(a - b) / max(abs(b), 1e-12)


def speed(dump, max_steps, budget_s, min_steps, device):
    config = dump["config"]
    params, batch = load(dump, torch.float32, device)
    trainable = [p for p in params.values() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=config["learningRate"], weight_decay=config["weightDecay"])

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_of(config, params, batch)
        loss.backward()
        if config["gradClip"] > 0:
            torch.nn.utils.clip_grad_norm_(trainable, config["gradClip"])
        optimizer.step()
        return float(loss)  # reads the loss back, so on cuda the step has finished when this returns

    step()  # warm-up, like the engine's throwaway step
    times, started = [], time.perf_counter()
    while True:
        t0 = time.perf_counter()
        last_loss = step()
        times.append(1000 * (time.perf_counter() - t0))
        if len(times) >= max_steps:
            break
        if budget_s > 0 and time.perf_counter() - started >= budget_s and len(times) >= min_steps:
            break
    timed = times[min(5, len(times) // 10):]  # src/bench/stats.ts afterWarmup
    return {
        "steps": len(times),
        "msPerStep": {
            "median": float(np.percentile(timed, 50)),
            "p10": float(np.percentile(timed, 10)),
            "p90": float(np.percentile(timed, 90)),
            "count": len(timed),
        },
        "imagesPerSecond": 1000 * dump["batch"] / float(np.percentile(timed, 50)),
        "finalLoss": last_loss,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dump")
    parser.add_argument("--steps", type=int, default=500)
    parser.add_argument("--budget-s", type=float, default=10)
    parser.add_argument("--min-steps", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0, help="torch.set_num_threads; 0 = torch's default")
    parser.add_argument("--device", choices=["cpu", "cuda", "auto"], default="cpu")
    args = parser.parse_args()
    device = args.device
    if device == "auto":
        device = "cuda" if torch.cuda.is_available() else "cpu"
    elif device == "cuda" and not torch.cuda.is_available():
        sys.exit("--device cuda: torch sees no CUDA device")
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    with open(args.dump) as f:
        dump = json.load(f)
    tfjs = dump["tfjs"]
    loss64, grad64 = check(dump, torch.float64)
    loss32, grad32 = check(dump, torch.float32)
    result = {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "device": f"cuda ({torch.cuda.get_device_name()})" if device == "cuda" else "cpu",
        "workload": dump["workload"],
        "correctness": {
            "tfjsBackend": tfjs["backend"],
            "tfjsLoss": tfjs["loss"],
            "torchLoss": loss64,
            "torchLossFloat32": loss32,
            "lossRelativeError": relative(tfjs["loss"], loss64),
            "tfjsGradNorm": tfjs["gradNorm"],
            "torchGradNorm": grad64,
            "gradNormRelativeError": relative(tfjs["gradNorm"], grad64),
        },
        "speed": speed(dump, args.steps, args.budget_s, args.min_steps, device),
    }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
