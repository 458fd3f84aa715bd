"""
The prediction tasks of CPC on a patch grid, as plain index tables (src/cpc/geometry.ts,
src/cpc/model/predictionTable.ts, src/cpc/losses/negatives.ts): the grid a config implies, which
(direction, image, time, lane, k) predictions exist, each one's target patch, and the candidates each
prediction is scored against.
"""

import math

import numpy as np
import torch


def grid_geometry(config):
    """Grid side G, the steps ahead ks and the directions a config implies."""
    size, patch, stride = config['imageSize'], config['patchSize'], config['patchStride']
    grid = (size - patch) // stride + 1 if patch <= size else 0
    k_min = max(1, -(-patch // stride)) if config['kMin'] == 'auto' else int(config['kMin'])
    ks = list(range(k_min, config['kMax'] + 1))
    if grid < 2 or not ks or config['kMax'] > grid - 1:
        raise ValueError(f'invalid CPC geometry: grid {grid}, k {k_min}..{config["kMax"]}')
    directions = ['down', 'up', 'right', 'left'] if config['directions'] == 'all' else ['down']
    return dict(grid=grid, ks=ks, directions=directions)


def view_to_grid(direction, t, lane, grid):
    """(row, col) of time t and lane `lane` in a direction's view (each view is the top-down task)."""
    return {
        'down': (t, lane),
        'up': (grid - 1 - t, lane),
        'right': (lane, t),
        'left': (lane, grid - 1 - t),
    }[direction]


def prediction_table(geometry, batch):
    """
    Which rows of the flat prediction tensor [Ndir·B·T·L·K, D] are real tasks (t + k < G), each one's
    target patch in the batch, and each k's segment; ordered by k first (src/cpc/model/predictionTable.ts).
    """
    g, ks, directions = geometry['grid'], geometry['ks'], geometry['directions']
    rows, targets, segments = [], [], []
    for ki, k in enumerate(ks):
        start = len(rows)
        for d, direction in enumerate(directions):
            for b in range(batch):
                for t in range(g - k):
                    for lane in range(g):
                        rows.append((((d * batch + b) * g + t) * g + lane) * len(ks) + ki)
                        row, col = view_to_grid(direction, t + k, lane, g)
                        targets.append((b * g + row) * g + col)
        segments.append((k, start, len(rows) - start))
    return dict(rows=np.array(rows, dtype=np.int64), targets=np.array(targets, dtype=np.int64),
                segments=segments, pool=batch * g * g)


# -----------------------------------------------------------------------------
# Candidates: the positive first, then the negatives it is scored against (src/cpc/losses/negatives.ts)


def split_negatives(per_image, batch, negatives, same_fraction):
    """How many negatives come from the same image and from others, within what the batch holds."""
    same_available, other_available = per_image - 1, (batch - 1) * per_image
    if negatives > same_available + other_available:
        raise ValueError(f'{negatives} negatives requested but the batch has only '
                         f'{same_available + other_available} other patches')
    same = min(same_available, int(math.floor(negatives * same_fraction + 0.5)))
    other = negatives - same
    if other > other_available:
        same, other = same + other - other_available, other_available
    return same, other


def _distinct_draws(taken, count, n, generator):
    """Appends `count` columns to taken [M, e] of ints in [0, n), each new one unlike every earlier one."""
    for _ in range(count):
        col = torch.randint(n, (taken.shape[0],), generator=generator, device=taken.device)
        while True:
            clash = (taken == col[:, None]).any(1)  # [M]
            if not clash.any():
                break
            col[clash] = torch.randint(n, (int(clash.sum()),), generator=generator, device=taken.device)
        taken = torch.cat([taken, col[:, None]], 1)
    return taken


def sample_candidates(targets, per_image, batch, negatives, same_fraction, generator=None):
    """
    [M, 1 + negatives] pool indices: each prediction's target, then distinct other patches of the batch,
    about `same_fraction` of them from other positions of the same image and the rest from other images.
    The playground's candidate sets, drawn from torch's generator (on its device) instead of its own.
    """
    same, other = split_negatives(per_image, batch, negatives, same_fraction)
    device = targets.device
    targets = targets.to(generator.device if generator is not None else device)
    image, position = targets // per_image, targets % per_image  # [M]
    # Same image: positions other than the target's own.
    within = _distinct_draws(position[:, None], same, per_image, generator)[:, 1:]  # [M, same]
    # Other images: an index j over the other images' patches, the image counted on from this one.
    beyond = _distinct_draws(targets.new_full((len(targets), 1), -1), other, (batch - 1) * per_image,
                             generator)[:, 1:]  # [M, other]
    other_image = (image[:, None] + 1 + beyond // per_image) % batch
    return torch.cat([targets[:, None], image[:, None] * per_image + within,
                      other_image * per_image + beyond % per_image], 1).to(device)


def row_candidates(geometry, batch):
    """
    The paper's candidates: for each prediction every patch of its target row (the same time t + k in the
    direction's view, every lane) in every image, the true target first, the rest in (image, lane) order.
    Returns [M, B·G] in prediction_table order.
    """
    g, ks, directions = geometry['grid'], geometry['ks'], geometry['directions']
    out = []
    for k in ks:
        for direction in directions:
            for b in range(batch):
                for t in range(g - k):
                    row = []
                    for other in range(batch):
                        for lane in range(g):
                            r, c = view_to_grid(direction, t + k, lane, g)
                            row.append((other * g + r) * g + c)
                    for lane in range(g):
                        p = b * g + lane
                        out.append([row[p]] + row[:p] + row[p + 1:])
    return np.array(out, dtype=np.int64)
