"""Images as the playground sees them: uint8 arrays [N, size, size, C], the same crop, resize, colour
conversion and probe split as src/datasets/resize.ts, src/cpc/data/imageSet.ts and
src/datasets/splitForProbes.ts (pixel values can differ by one where float rounding lands on .5).

Sources:
  - a folder of PNG, JPEG, WebP, GIF or BMP pictures (pillow); first-level subfolders name the classes;
  - a built-in set by name ('fashion-mnist', 'mnist'): the playground's own files <name>.json and
    <name>.png (a sprite of every image), looked for in --datasets, ./datasets next to train.py and the
    repository's public/datasets.
"""

import json
import math
import os
import re

import numpy as np

import seeded

BUILTIN_DATASETS = ('mnist', 'fashion-mnist')
IMAGE_EXTENSIONS = ('.png', '.jpg', '.jpeg', '.webp', '.gif', '.bmp')
PROBE_TEST_FRACTION = 0.2
# A folder's split is its own, as the playground's import makes it (IMPORT_SPLIT_SEED in
# src/datasets/splitForProbes.ts): the same held-out images whatever the run's seed.
IMPORT_SPLIT_SEED = 1


class ImageSet:
    """pixels: uint8 [N, size, size, C]; labels: int64 [N] or None; class_names: list of str; names: the
    files' paths in a folder (None for a built-in set)."""

    def __init__(self, pixels, labels, class_names, description, names=None):
        self.pixels = pixels
        self.labels = labels
        self.class_names = class_names
        self.description = description
        self.names = names

    def __len__(self):
        return len(self.pixels)

    def subset(self, indices):
        labels = None if self.labels is None else self.labels[indices]
        names = None if self.names is None else [self.names[i] for i in indices]
        return ImageSet(self.pixels[indices], labels, self.class_names, self.description, names)


def load_data(spec, size, channels, datasets_dir=None):
    """(train, test) at the config's size and channels; test is None for unlabelled data."""
    if spec in BUILTIN_DATASETS:
        train, test = load_builtin(spec, datasets_dir)
        return adapt(train, size, channels), adapt(test, size, channels)
    if spec in ('synthetic', 'textures'):
        raise SystemExit(f'--data {spec}: the playground generates that set in TypeScript; train on a folder')
    if not os.path.isdir(spec):
        raise SystemExit(f"--data {spec}: neither a built-in set ({', '.join(BUILTIN_DATASETS)}) nor a folder")
    return split_for_probes(load_folder(spec, size, channels), IMPORT_SPLIT_SEED)


# ---------------------------------------------------------------------------------------------------
# Built-in sets


def builtin_search_path(datasets_dir):
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [datasets_dir, os.path.join(here, 'datasets'), os.path.join(here, '..', 'public', 'datasets')]
    return [c for c in candidates if c]


def load_builtin(name, datasets_dir):
    """The manifest's train and test splits of a built-in set, at its native size."""
    from PIL import Image

    for folder in builtin_search_path(datasets_dir):
        manifest_path = os.path.join(folder, f'{name}.json')
        if os.path.exists(manifest_path):
            break
    else:
        looked = ', '.join(builtin_search_path(datasets_dir))
        raise SystemExit(f'{name}.json and {name}.png not found (looked in {looked}); pass --datasets DIR')
    with open(manifest_path) as f:
        manifest = json.load(f)
    with Image.open(os.path.join(folder, f'{name}.png')) as sprite:
        rgb = np.asarray(sprite.convert('RGB'))  # [H, W, 3]
    pixels = sprite_tiles(rgb, manifest)  # [count, size, size, C]
    labels = np.asarray(manifest['labels'], dtype=np.int64)
    n_train = manifest['split']['train']
    class_names = manifest['classNames']
    return (
        ImageSet(pixels[:n_train], labels[:n_train], class_names, name),
        ImageSet(pixels[n_train:], labels[n_train:], class_names, name),
    )


def sprite_tiles(rgb, manifest):
    """Tile i sits at row i // columns, column i % columns of the sprite."""
    size, columns, count, channels = manifest['size'], manifest['columns'], manifest['count'], manifest['channels']
    rows = math.ceil(count / columns)
    grid = rgb[: rows * size, : columns * size, :channels]  # [rows·S, cols·S, C]
    tiles = grid.reshape(rows, size, columns, size, channels).transpose(0, 2, 1, 3, 4)  # [rows, cols, S, S, C]
    return np.ascontiguousarray(tiles.reshape(rows * columns, size, size, channels)[:count])


# ---------------------------------------------------------------------------------------------------
# Folders


def natural_key(path):
    """Natural order, case ignored first ('class2' before 'class10'), like the playground's collator."""
    parts = re.split(r'(\d+)', path)
    return ([(0, int(p)) if p.isdigit() else (1, p.lower()) for p in parts if p], path)


def list_images(root):
    """Relative '/'-separated paths of the picture files under root; hidden files and folders are left out."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith('.')]
        rel = os.path.relpath(folder, root)
        for name in files:
            if name.startswith('.') or not name.lower().endswith(IMAGE_EXTENSIONS):
                continue
            found.append(name if rel == '.' else f"{rel.replace(os.sep, '/')}/{name}")
    return sorted(found, key=natural_key)


def label_paths(paths):
    """First-level subfolders are classes; with any, top-level pictures are left out (labelFolderImages)."""
    def class_of(p):
        return p.split('/', 1)[0] if '/' in p else None

    if not any(class_of(p) for p in paths):
        return paths, None, []
    kept = [p for p in paths if class_of(p)]
    class_names = sorted({class_of(p) for p in kept}, key=natural_key)
    index = {name: i for i, name in enumerate(class_names)}
    return kept, np.asarray([index[class_of(p)] for p in kept], dtype=np.int64), class_names


def load_folder(root, size, channels):
    paths, labels, class_names = label_paths(list_images(root))
    pixels, keep = [], []
    for i, path in enumerate(paths):
        image = read_picture(os.path.join(root, path))
        if image is None:
            print(f'skipped {path}: not a readable picture', flush=True)
            continue
        pixels.append(fit_picture(image, size, channels))
        keep.append(i)
    if not pixels:
        raise SystemExit(f'No usable image in {root}')
    labels = None if labels is None else labels[keep]
    stacked = np.stack(pixels)  # [N, size, size, C]
    names = [paths[i] for i in keep]
    return ImageSet(stacked, labels, class_names, f'{len(stacked)} images from {root}', names)


def read_picture(path):
    """RGBA float64 [H, W, 4], or None when pillow cannot decode the file."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return np.asarray(image.convert('RGBA'), dtype=np.float64)
    except (OSError, UnidentifiedImageError, ValueError):
        return None


def fit_picture(rgba, size, channels):
    """Centre square crop, composite on white, colour conversion, resize, one final rounding (fitImage)."""
    height, width = rgba.shape[:2]
    side = min(width, height)
    y0, x0 = (height - side) // 2, (width - side) // 2
    crop = rgba[y0 : y0 + side, x0 : x0 + side]  # [side, side, 4]
    alpha = crop[..., 3:] / 255
    rgb = crop[..., :3] * alpha + 255 * (1 - alpha)  # [side, side, 3]
    if channels == 1:
        rgb = (0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2])[..., None]  # [side, side, 1]
    return to_bytes(resize_square(rgb, size))


# ---------------------------------------------------------------------------------------------------
# Resizing, colour and the probe split


def box_weights(side, size):
    """[size, side]: output pixel i averages source span [i·scale, (i+1)·scale) by overlap."""
    scale = side / size
    w = np.zeros((size, side))
    for i in range(size):
        start, end = i * scale, (i + 1) * scale
        for j in range(math.floor(start), min(side, math.ceil(end))):
            overlap = min(end, j + 1) - max(start, j)
            if overlap > 0:
                w[i, j] = overlap / scale
    return w


def bilinear_weights(side, size):
    """[size, side]: pixel centres aligned, samples past the edge clamp to the border pixel."""
    scale = side / size
    w = np.zeros((size, side))
    for i in range(size):
        at = min(side - 1, max(0.0, (i + 0.5) * scale - 0.5))
        left = math.floor(at)
        t = at - left
        w[i, left] += 1 - t
        if t > 0:
            w[i, min(side - 1, left + 1)] += t
    return w


def resize_square(images, size):
    """[..., side, side, C] floats → [..., size, size, C]: box filter shrinking, bilinear enlarging,
    rows then columns."""
    side = images.shape[-2]
    w = box_weights(side, size) if side >= size else bilinear_weights(side, size)  # [size, side]
    rows = np.einsum('xs,...ysc->...yxc', w, images)  # [..., side, size, C]
    return np.einsum('ys,...sxc->...yxc', w, rows)  # [..., size, size, C]


def to_bytes(values):
    return np.clip(np.floor(values + 0.5), 0, 255).astype(np.uint8)


def with_channels(pixels, channels):
    """Grey → RGB copies the value; RGB → grey takes BT.601 luma, rounded (withChannels)."""
    if pixels.shape[-1] == channels:
        return pixels
    if channels == 3:
        return np.repeat(pixels, 3, axis=-1)
    p = pixels.astype(np.float64)
    return to_bytes(0.299 * p[..., 0] + 0.587 * p[..., 1] + 0.114 * p[..., 2])[..., None]


def adapt(images, size, channels):
    """The set at the training size and channels (adaptImageSet)."""
    pixels = with_channels(images.pixels, channels)
    if pixels.shape[1] != size:
        pixels = to_bytes(resize_square(pixels.astype(np.float64), size))
    return ImageSet(pixels, images.labels, images.class_names, images.description, images.names)


def split_for_probes(images, seed):
    """A labelled folder: seeded stratified 80/20 split (splitForProbes); unlabelled: all for training."""
    if images.labels is None:
        return images, None
    train, test = seeded.train_test_split(images.labels.tolist(), PROBE_TEST_FRACTION, seeded.Rng(seed))
    return images.subset(train), (images.subset(test) if test else None)
