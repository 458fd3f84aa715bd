"""The playground's probe (src/cpc/eval): a linear probe and a kNN on frozen image features of the
trained encoder, of the same architecture at random init, and of raw pixels, all on the same images.
Batch-norm statistics are re-estimated on the probe's training images first, for both encoders."""

import contextlib
import math

import numpy as np
import torch

import seeded
from cpc import CPC, IMAGE_FEATURES, BatchNorm, extract_patches

PROBE_TRAIN_LIMIT = 2000
PROBE_SEED_OFFSET = 0x9E0BE  # keeps the probe's image draw apart from the training streams
DEFAULT_FEATURE = 'grid3-z'
PIXEL_PROBE_MAX_SIDE = 32
EMBED_BATCH = 64
CALIBRATION_BATCHES, CALIBRATION_IMAGES = 8, 16
KNN_K, KNN_TEMPERATURE = 20, 0.07


def as_float_images(pixels, device):
    """uint8 [N, S, S, C] → float [N, C, S, S] in [0, 1]."""
    return torch.as_tensor(pixels, device=device).permute(0, 3, 1, 2).float() / 255


def compare_with_random_init(model, train, test, device):
    """The runner's probe (RunnerProbe): every image feature for CPC and random init, plus raw pixels."""
    probe_train = train.subset(seeded.seeded_subset(len(train), PROBE_TRAIN_LIMIT,
                                                    seeded.Rng(model.config['seed'] + PROBE_SEED_OFFSET)))
    torch.manual_seed(model.config['seed'])
    fresh = CPC(model.config).to(device)
    num_classes = max(len(train.class_names), 1)
    cpc = probe_model(model, probe_train, test, num_classes, device)
    random_init = probe_model(fresh, probe_train, test, num_classes, device)
    features = {f: {'cpc': cpc[f], 'randomInit': random_init[f]} for f in IMAGE_FEATURES}
    return {
        'cpc': cpc[DEFAULT_FEATURE],
        'randomInit': random_init[DEFAULT_FEATURE],
        'feature': DEFAULT_FEATURE,
        'pixels': score_features(pixel_features(probe_train.pixels), probe_train.labels,
                                 pixel_features(test.pixels), test.labels, num_classes),
        'features': features,
        'trainImages': len(probe_train),
        'testImages': len(test),
    }


def probe_model(model, train, test, num_classes, device):
    """{feature: {linear, knn}} for one model."""
    with calibrated_batch_norm(model, as_float_images(train.pixels, device)):
        train_rows = embed(model, train.pixels, device)
        test_rows = embed(model, test.pixels, device)
    return {f: score_features(train_rows[f], train.labels, test_rows[f], test.labels, num_classes)
            for f in IMAGE_FEATURES}


@torch.no_grad()
def embed(model, pixels, device):
    """{feature: float32 [N, F]} in batches, norms in eval mode, no augmentation."""
    out = {f: [] for f in IMAGE_FEATURES}
    for start in range(0, len(pixels), EMBED_BATCH):
        images = as_float_images(pixels[start : start + EMBED_BATCH], device)  # [b, C, S, S]
        for f in IMAGE_FEATURES:
            out[f].append(model.features(images, f).float().cpu())  # [b, F]
    return {f: torch.cat(rows) for f, rows in out.items()}


@contextlib.contextmanager
def calibrated_batch_norm(model, images):
    """Running statistics = the mean of a few batches' statistics on these images; put back afterwards."""
    norms = [m for m in model.modules() if isinstance(m, BatchNorm)]
    saved = [(m.running_mean.clone(), m.running_var.clone()) for m in norms]
    if norms and len(images) > 0:
        sums = [[torch.zeros_like(m.running_mean), torch.zeros_like(m.running_var)] for m in norms]
        batches = min(CALIBRATION_BATCHES, math.ceil(len(images) / CALIBRATION_IMAGES))
        was_training = model.training
        model.train()
        with torch.no_grad():
            for b in range(batches):
                part = images[b * CALIBRATION_IMAGES : (b + 1) * CALIBRATION_IMAGES]  # [b, C, S, S]
                model.encode(extract_patches(part, model.config['patchSize'], model.config['patchStride']))
                for m, s in zip(norms, sums):
                    s[0] += m.pending[0]
                    s[1] += m.pending[1]
                    m.pending = None
        model.train(was_training)
        for m, (mean, var) in zip(norms, sums):
            m.running_mean.copy_(mean / batches)
            m.running_var.copy_(var / batches)
    try:
        yield
    finally:
        for m, (mean, var) in zip(norms, saved):
            m.running_mean.copy_(mean)
            m.running_var.copy_(var)


def pixel_features(pixels):
    """uint8 [N, S, S, C] → [N, side·side·C] in [0, 1], box-averaged down to at most 32 px a side."""
    n, size, _, channels = pixels.shape
    factor = math.ceil(size / PIXEL_PROBE_MAX_SIDE)
    side = size // factor
    crop = pixels[:, : side * factor, : side * factor].astype(np.float64)
    boxes = crop.reshape(n, side, factor, side, factor, channels).sum((2, 4))  # [N, side, side, C]
    return torch.as_tensor(boxes.reshape(n, -1) / (255 * factor * factor), dtype=torch.float32)


def score_features(train_x, train_y, test_x, test_y, num_classes):
    train_y, test_y = torch.as_tensor(train_y), torch.as_tensor(test_y)
    return {
        'linear': linear_probe(train_x, train_y, test_x, test_y, num_classes),
        'knn': knn_accuracy(train_x, train_y, test_x, test_y, num_classes),
    }


def standardise(train, test):
    """Both splits scaled by the train split's mean and std; constant features keep scale 1."""
    mean = train.mean(0)
    std = train.var(0, unbiased=False).sqrt()
    scale = torch.where(std > 1e-7, std, torch.ones_like(std))
    return (train - mean) / scale, (test - mean) / scale


def linear_probe(train_x, train_y, test_x, test_y, num_classes, epochs=300, lr=0.05, l2=1e-4):
    """Multinomial logistic regression, zero init, full-batch Adam; returns the test accuracy."""
    x, x_test = standardise(train_x.double(), test_x.double())
    x, x_test = x.float(), x_test.float()  # [N, D], [M, D]
    targets = torch.nn.functional.one_hot(train_y, num_classes).float()  # [N, C]
    weights = torch.zeros(x.shape[1], num_classes, requires_grad=True)  # [D, C]
    bias = torch.zeros(num_classes, requires_grad=True)  # [C]
    optimizer = torch.optim.Adam([weights, bias], lr=lr, betas=(0.9, 0.999), eps=1e-7)
    for _ in range(epochs):
        with torch.no_grad():
            error = (torch.softmax(x @ weights + bias, 1) - targets) / len(x)  # [N, C]
            weights.grad = x.t() @ error + l2 * weights  # [D, C]
            bias.grad = error.sum(0)  # [C]
        optimizer.step()
    if len(x_test) == 0:
        return float('nan')
    with torch.no_grad():
        predicted = (x_test @ weights + bias).argmax(1)  # [M]
    return float((predicted == test_y).float().mean())


def knn_accuracy(train_x, train_y, test_x, test_y, num_classes, k=KNN_K):
    """Cosine kNN; the k nearest vote with weight exp(similarity / 0.07); ties go to the lower class."""
    if len(test_x) == 0:
        return float('nan')
    bank = torch.nn.functional.normalize(train_x.float(), dim=1, eps=1e-7)  # [N, D]
    queries = torch.nn.functional.normalize(test_x.float(), dim=1, eps=1e-7)  # [M, D]
    similarities, neighbours = (queries @ bank.t()).topk(min(k, len(bank)), dim=1)  # [M, k]
    votes = torch.zeros(len(queries), num_classes, dtype=torch.float64)  # [M, C]
    votes.scatter_add_(1, train_y[neighbours], torch.exp(similarities.double() / KNN_TEMPERATURE))
    return float((votes.argmax(1) == test_y).double().mean())
