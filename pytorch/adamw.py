"""
Optimisation as the playground does it (src/cpc/optim, src/cpc/train/trainStep.ts): AdamW with ε 1e-7 and
weight decay on weights only, global-norm clipping, the learning-rate schedule, a step vetoed when the loss
or the gradient is not finite, and AdamW's state in the playground's checkpoint entries.
"""

import math

import numpy as np
import torch
import torch.nn as nn

from playground_state import to_playground_layout, to_torch_layout

ADAM_EPS = 1e-7


def learning_rate_at(step, config):
    """Linear warm-up to the peak, then constant or a half-cosine to peak·floor at scheduleSteps (0-based)."""
    lr, warmup = config['learningRate'], config['warmupSteps']
    if warmup > 0 and step < warmup:
        return lr * (step + 1) / warmup
    if config['schedule'] == 'constant':
        return lr
    progress = min(1.0, (step - warmup) / max(1, config['scheduleSteps'] - warmup))
    floor = lr * config['minLearningRateRatio']
    return floor + (lr - floor) * 0.5 * (1 + math.cos(math.pi * progress))


def _decays(name):
    """Decoupled weight decay on weight matrices and kernels; not on biases and norm gains."""
    return name.rsplit('/', 1)[1] in ('w', 'wx', 'wh')


def make_optimizer(model, config=None):
    """AdamW (β 0.9, 0.999, ε 1e-7) with weight decay on weights only; the lr is set every step."""
    config = config or model.config
    named = [(n, t) for n, t, _ in model.playground_tensors() if isinstance(t, nn.Parameter)]
    groups = [dict(params=[t for n, t in named if _decays(n)], weight_decay=config['weightDecay']),
              dict(params=[t for n, t in named if not _decays(n)], weight_decay=0.0)]
    return torch.optim.AdamW(groups, lr=config['learningRate'], betas=(0.9, 0.999), eps=ADAM_EPS)


def step_optimizer(model, optimizer, loss, step):
    """
    After loss.backward(): the global gradient norm, clipping to gradClip, the lr of this 0-based step,
    the AdamW update and the batch-norm statistics, all skipped when the loss or the norm is not finite
    (the playground's veto). Returns (gradient norm before clipping, accepted). Mixed precision is
    bfloat16 autocast, which needs no loss scaling (float16 would, and is not used).
    """
    model = getattr(model, 'module', model)  # DistributedDataParallel wraps the model
    config = model.config
    grads = [p.grad for p in model.parameters() if p.grad is not None]
    norm = torch.sqrt(sum(g.detach().float().square().sum() for g in grads))
    accept = bool(torch.isfinite(norm) & torch.isfinite(loss.detach()))
    if accept:
        if config['gradClip'] > 0:
            scale = torch.clamp(config['gradClip'] / (norm + 1e-6), max=1.0)
            for g in grads:
                g.mul_(scale)
        for group in optimizer.param_groups:
            group['lr'] = learning_rate_at(step, config)
            if group['weight_decay'] > 0:
                group['weight_decay'] = config['weightDecay']
        optimizer.step()
    for m in model.modules():
        if hasattr(m, 'commit'):  # batch norm's running statistics wait for the step's verdict
            m.commit(accept)
    return norm.detach(), accept


def load_playground_optimizer(optimizer, model, m, v, step):
    """AdamW's moments keyed by playground name in its layouts (a checkpoint's optimizer/m/<name> and
    optimizer/v/<name>) and its count of applied steps (optimizer/count)."""
    for name, tensor, layout in model.playground_tensors():
        if not isinstance(tensor, nn.Parameter):
            continue
        optimizer.state[tensor] = dict(
            step=torch.tensor(float(step)),
            exp_avg=to_torch_layout(m[name], layout).to(tensor).clone().contiguous(),
            exp_avg_sq=to_torch_layout(v[name], layout).to(tensor).clone().contiguous())


def playground_optimizer_state(optimizer, model):
    """The inverse of load_playground_optimizer, as checkpoint entries: optimizer/count, optimizer/m/…, …/v/…"""
    out, count = {}, 0.0
    for name, tensor, layout in model.playground_tensors():
        if not isinstance(tensor, nn.Parameter):
            continue
        state = optimizer.state.get(tensor, {})
        for key, label in (('exp_avg', 'm'), ('exp_avg_sq', 'v')):
            value = state.get(key, torch.zeros_like(tensor))
            out[f'optimizer/{label}/{name}'] = to_playground_layout(value, layout)
        count = max(count, float(state.get('step', 0)))
    out['optimizer/count'] = np.array(count, dtype=np.float32)
    return out
