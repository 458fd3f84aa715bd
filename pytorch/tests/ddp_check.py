"""
Two processes under DistributedDataParallel (gloo, CPU) against one process on the same global batch:
cpc.CPC.forward gathers the codes and draws the whole batch's augmentation and candidates on every
process, and batch norm all-reduces its statistics, so the losses and the weights after a few AdamW
steps must agree to float precision.

    python3 pytorch/tests/ddp_check.py [norm]   → prints JSON: the two loss curves and the weights' difference
    (norm: the config's, e.g. batch; default: the default config's)
"""

import json
import os
import socket
import sys
import tempfile

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch.nn.parallel import DistributedDataParallel

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))

import cpc  # noqa: E402

CONFIG = dict(imageSize=20, channels=3, patchSize=8, patchStride=4, encoderWidth=4, encoderDepth=2,
              encoderHidden=8, codeSize=8, contextHidden=8, kMax=3, negatives=7, batchSize=4,
              augShearRotate=0.3, augElastic=0.3, augFlip=0.5, warmupSteps=0)
STEPS = 3


def train(model, images, forward):
    """STEPS steps; returns the losses. `forward` runs the model (or its DDP wrapper) on this process's images."""
    generator = torch.Generator().manual_seed(7)  # alike on every process
    optimizer = cpc.make_optimizer(model)
    losses = []
    for step in range(STEPS):
        loss, _ = forward(images, generator)
        optimizer.zero_grad()
        loss.backward()
        cpc.step_optimizer(model, optimizer, loss, step)
        losses.append(loss.item())
    return losses


def fresh_model(config):
    torch.manual_seed(0)
    return cpc.CPC(config)


def worker(rank, world, port, images, out, config):
    os.environ.update(MASTER_ADDR='127.0.0.1', MASTER_PORT=str(port))
    torch.set_num_threads(1)
    dist.init_process_group('gloo', rank=rank, world_size=world)
    model = fresh_model(config)
    share = images.shape[0] // world
    losses = train(model, images[rank * share:(rank + 1) * share], DistributedDataParallel(model))
    if rank == 0:
        torch.save((losses, cpc.playground_state(model)), out)
    dist.destroy_process_group()


def main():
    torch.set_num_threads(1)
    images = torch.rand(4, 3, 20, 20, generator=torch.Generator().manual_seed(5))
    config = {**CONFIG, **({'norm': sys.argv[1]} if len(sys.argv) > 1 else {})}
    single = fresh_model(config)
    single_losses = train(single, images, single)
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, 'rank0.pt')
        mp.spawn(worker, args=(2, port, images, out, config), nprocs=2)
        ddp_losses, ddp_state = torch.load(out)
    state = cpc.playground_state(single)  # running batch-norm statistics included
    # A bias right before batch norm has no effect on the loss: its gradient is float noise, which Adam
    # scales up to full steps, so it (and the running mean it shifts) differs between any two runs.
    shifts = {k for k in state if k.endswith('/b') and k[:-2] + '/bn_mean' in state}
    ignored = sorted(shifts | {k[:-2] + '/bn_mean' for k in shifts})
    weights = max(float(abs(ddp_state[k] - v).max() / max(abs(v).max(), 1e-12))
                  for k, v in state.items() if k not in ignored)
    print(json.dumps(dict(oneProcess=single_losses, twoProcesses=ddp_losses, weightDifference=weights,
                          ignored=ignored)))

if __name__ == '__main__':
    main()
