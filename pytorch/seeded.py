"""The playground's seeded generator (mulberry32, src/cpc/random.ts), draw for draw.

train.py needs it only where a choice must match the playground's exactly: which images of an
imported folder the probes hold out (src/cpc/data/split.ts) and which training images the probe uses
(src/node/headlessRun.ts). Training draws its batches, augmentations and negatives from torch.
"""

import math

UINT32 = 0xFFFFFFFF


def _imul(a, b):
    """Math.imul on uint32 values: the low 32 bits of the product."""
    return (a * b) & UINT32


def hash_seed(seed):
    """Spreads nearby seeds (1, 2, 3, ...) into unrelated starting states."""
    h = (math.floor(seed) & UINT32) ^ 0x9E3779B9
    h = _imul(h ^ (h >> 16), 0x85EBCA6B)
    h = _imul(h ^ (h >> 13), 0xC2B2AE35)
    return h ^ (h >> 16)


class Rng:
    """mulberry32 with the playground's seeding; next() is uniform in [0, 1)."""

    def __init__(self, seed):
        self.state = hash_seed(seed)

    def next(self):
        self.state = (self.state + 0x6D2B79F5) & UINT32
        t = self.state
        t = _imul(t ^ (t >> 15), t | 1)
        t ^= (t + _imul(t ^ (t >> 7), t | 61)) & UINT32
        return (t ^ (t >> 14)) / 4294967296

    def int(self, n):
        return math.floor(self.next() * n)


def permutation(n, rng):
    """Fisher-Yates shuffle of 0..n-1, as the playground draws it."""
    out = list(range(n))
    for i in range(n - 1, 0, -1):
        j = rng.int(i + 1)
        out[i], out[j] = out[j], out[i]
    return out


def js_round(x):
    """Math.round: halves go up (Python's round() sends them to the even neighbour)."""
    return math.floor(x + 0.5)


def train_test_split(labels, test_fraction, rng):
    """Stratified split of src/cpc/data/split.ts: per class round(n * fraction) to test, at least one
    each side when a class has two or more; a class of one goes to train. Returns sorted index lists."""
    groups = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    train, test = [], []
    for label in sorted(groups):
        members = groups[label]
        order = permutation(len(members), rng)
        n = len(members)
        test_count = 0 if n < 2 else min(n - 1, max(1, js_round(n * test_fraction)))
        for rank, position in enumerate(order):
            (test if rank < test_count else train).append(members[position])
    return sorted(train), sorted(test)


def seeded_subset(count, limit, rng):
    """Up to `limit` of `count` indices without replacement, in their original order (seededSubset)."""
    if count <= limit:
        return list(range(count))
    return sorted(permutation(count, rng)[:limit])
