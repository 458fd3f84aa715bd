"""Data parallelism that keeps the loss of the global batch.

config.batchSize images make one step, whatever the number of processes. The images of a step come from
one seeded permutation per epoch (DistributedSampler's, the same on every process), and each process
takes its contiguous share of them: the order in which cpc.CPC.forward gathers the codes. Every process
seeds the step's generator alike, so cpc.CPC.forward draws the whole batch's augmentation and candidates
on each, encodes only its own share and computes one process's loss on the gathered codes: 1 and N
processes follow the same loss curve, to float rounding (batch norm too: it all-reduces its statistics
over the processes).
"""

import os

import torch
import torch.distributed as dist
from torch.utils.data.distributed import DistributedSampler


class Cluster:
    """This process's rank among `world` (torchrun sets the environment) and its device."""

    def __init__(self, device_choice):
        self.world = int(os.environ.get('WORLD_SIZE', 1))
        self.rank = int(os.environ.get('RANK', 0))
        local_rank = int(os.environ.get('LOCAL_RANK', 0))
        cuda = device_choice == 'cuda' or (device_choice == 'auto' and torch.cuda.is_available())
        if cuda:
            self.device = torch.device('cuda', local_rank)
            torch.cuda.set_device(self.device)
        else:
            self.device = torch.device('cpu')
            # Share the cores between the processes on this machine instead of oversubscribing them
            # (unless OMP_NUM_THREADS says how many; torchrun sets it to 1).
            if 'OMP_NUM_THREADS' not in os.environ:
                local_world = int(os.environ.get('LOCAL_WORLD_SIZE', self.world))
                torch.set_num_threads(max(1, (os.cpu_count() or 1) // local_world))
        if self.world > 1:
            dist.init_process_group('nccl' if cuda else 'gloo')

    @property
    def main(self):
        return self.rank == 0

    def describe(self):
        kind = (torch.cuda.get_device_name(self.device) if self.device.type == 'cuda'
                else f'cpu, {torch.get_num_threads()} thread(s) a process')
        return f'pytorch {torch.__version__} {kind}' + (f' ×{self.world} (DDP)' if self.world > 1 else '')

    def close(self):
        if self.world > 1:
            dist.destroy_process_group()


def step_generator(seed, step):
    """Augmentation and negatives of a step come from (seed, step): the same on every process, and a
    resumed run needs no saved stream. Always a CPU generator (the draws then move to the device): CUDA's
    generators draw other numbers than the CPU's, and may differ between GPU models."""
    return torch.Generator('cpu').manual_seed((seed * 1_000_003 + step) % (2 ** 63))


class Batches:
    """This process's share of each step's images: a contiguous slice of the global batch."""

    def __init__(self, count, batch, cluster, seed):
        if batch % cluster.world:
            raise SystemExit(f'batchSize {batch} does not split over {cluster.world} processes')
        self.local, self.batch, self.rank = batch // cluster.world, batch, cluster.rank
        # One replica: the whole permutation, which every process then slices the same way.
        self.sampler = DistributedSampler(range(count), num_replicas=1, rank=0, shuffle=True, seed=seed,
                                          drop_last=True)
        self.per_epoch = count // batch
        if self.per_epoch == 0:
            raise SystemExit(f'{count} training images are fewer than a batch of {batch}')
        self.epoch, self.order = None, []

    def at(self, step):
        """This process's image indices for a 0-based step."""
        epoch, i = divmod(step, self.per_epoch)
        if self.epoch != epoch:
            self.sampler.set_epoch(epoch)
            self.order, self.epoch = list(self.sampler), epoch
        start = i * self.batch + self.rank * self.local
        return self.order[start : start + self.local]
