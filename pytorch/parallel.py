"""Data parallelism that keeps the loss of the global batch.

config.batchSize images make one step, whatever the number of processes. DistributedSampler gives each
process its share of a seeded permutation per epoch; every process draws the same augmentation numbers
and candidates from a generator seeded by (seed, step); each encodes only its own images' patches, the
codes of all images are gathered, and the context, the predictions and the loss run on the whole batch on
every process. So 1 and N processes follow the same loss curve, to float rounding (batch norm, which
normalises each process's own patches, is the exception).
"""

import os

import torch
import torch.distributed as dist
from torch.utils.data.distributed import DistributedSampler

from augment import DRAWS_PER_PATCH, augment_patches
from cpc import binary_nce_losses, direction_views, extract_patches, info_nce_losses


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
            # Share the cores between the processes on this machine instead of oversubscribing them
            # (unless OMP_NUM_THREADS says how many; torchrun sets it to 1).
            if "OMP_NUM_THREADS" not in os.environ:
                local_world = int(os.environ.get("LOCAL_WORLD_SIZE", self.world))
                torch.set_num_threads(max(1, (os.cpu_count() or 1) // local_world))
        if self.world > 1:
            dist.init_process_group("nccl" if cuda else "gloo")

    @property
    def main(self):
        return self.rank == 0

    def describe(self):
        kind = (torch.cuda.get_device_name(self.device) if self.device.type == "cuda"
                else f"cpu, {torch.get_num_threads()} thread(s) a process")
        return f"pytorch {torch.__version__} {kind}" + (f" ×{self.world} (DDP)" if self.world > 1 else "")

    def close(self):
        if self.world > 1:
            dist.destroy_process_group()


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
        self.epoch, self.order = None, []

    def at(self, step):
        """This process's image indices for a 0-based step."""
        epoch, i = divmod(step, self.per_epoch)
        if self.epoch != epoch:
            self.sampler.set_epoch(epoch)
            self.order, self.epoch = list(self.sampler), epoch
        return self.order[i * self.local : (i + 1) * self.local]
