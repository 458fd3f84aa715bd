"""
The CPC Playground's per-patch augmentations (src/cpc/augment), vectorised over patches.

Each patch draws DRAWS_PER_PATCH uniform numbers whatever the strengths, in the playground's order, so that
given the same draws this computes what the playground computes (tested to float precision). The warps
run in float64, as the playground's JavaScript does, and round to float32 after each step, as its
Float32Array does.
"""

import math

import torch

FILL = 0.5  # what a crop or warp brings in from outside the patch: mid-grey, 0 after the encoder's scaling
SNAP = 1e-9  # source coordinates this close to a whole pixel are snapped to it
MAX_ANGLE, MAX_SHEAR = math.pi / 6, 0.3
MAX_COLOR_CHANGE = 0.4
ELASTIC_GRID = 3

# Where each augmentation's draws sit among a patch's draws (the playground's pipeline order).
ELASTIC, SHEAR_ROTATE, JITTER, FLIP, COLOR_JITTER, GRAYSCALE, COLOR_DROP = 0, 18, 20, 24, 25, 28, 29
DRAWS_PER_PATCH = 31


def augment_patches(patches, config, draws):
    """
    patches [N, C, P, P] in [0, 1] → augmented [N, C, P, P] float32. draws: [N, DRAWS_PER_PATCH] uniforms
    in [0, 1) (the caller draws them: CPC.loss draws every rank's at once, so that a step's patches get the
    same augmentations on one process or many). Order: elastic, shear/rotation, spatial jitter, flip,
    colour jitter, grayscale, colour drop (warps first so the jitter's border stays straight; colour drop
    last so dropped channels stay exactly mid-grey).
    """
    u = draws.to(patches.device, torch.float64)  # [N, 31]
    x = patches.permute(0, 2, 3, 1).double()  # [N, P, P, C], the playground's layout
    steps = [
        (elastic, config['augElastic'], ELASTIC),
        (shear_rotate, config['augShearRotate'], SHEAR_ROTATE),
        (spatial_jitter, config['augJitter'], JITTER),
        (flip, config['augFlip'], FLIP),
        (color_jitter, config['augColorJitter'], COLOR_JITTER),
        (grayscale, config['augGrayscale'], GRAYSCALE),
        (color_drop, config['augColorDrop'], COLOR_DROP),
    ]
    for op, strength, at in steps:
        x = op(x, strength, u[:, at:]).float().double()  # float32 between steps, as in the playground
    return x.permute(0, 3, 1, 2).float().contiguous()


def _snap(v):
    whole = torch.floor(v + 0.5)
    return torch.where((v - whole).abs() < SNAP, whole, v)


def _gather_pixels(src, ys, xs):
    """src [N, P, P, C] at integer (ys, xs) [N, P, P], FILL outside the patch → [N, P, P, C]."""
    n, p, _, c = src.shape
    inside = (xs >= 0) & (xs < p) & (ys >= 0) & (ys < p)
    flat = (ys.clamp(0, p - 1) * p + xs.clamp(0, p - 1)).long().view(n, p * p, 1).expand(-1, -1, c)
    values = src.reshape(n, p * p, c).gather(1, flat).view(n, p, p, c)
    return torch.where(inside[..., None], values, torch.full_like(values, FILL))


def sample_bilinear(src, sx, sy):
    """src [N, P, P, C] sampled bilinearly at (sx, sy) [N, P, P]; pixel centres at whole coordinates."""
    sx, sy = _snap(sx), _snap(sy)
    x0, y0 = torch.floor(sx), torch.floor(sy)
    fx, fy = (sx - x0)[..., None], (sy - y0)[..., None]
    return ((1 - fx) * (1 - fy) * _gather_pixels(src, y0, x0) + fx * (1 - fy) * _gather_pixels(src, y0, x0 + 1)
            + (1 - fx) * fy * _gather_pixels(src, y0 + 1, x0) + fx * fy * _gather_pixels(src, y0 + 1, x0 + 1))


def _pixel_grid(x):
    p = x.shape[1]
    ys, xs = torch.meshgrid(torch.arange(p, dtype=torch.float64, device=x.device),
                            torch.arange(p, dtype=torch.float64, device=x.device), indexing='ij')
    return ys, xs  # [P, P] each


def elastic(x, strength, u):
    """Random offsets at 3×3 control points, scaled by P/4·strength, interpolated bilinearly per pixel."""
    if strength == 0:
        return x
    n, p = x.shape[:2]
    offsets = (2 * u[:, :ELASTIC_GRID * ELASTIC_GRID * 2] - 1).view(n, ELASTIC_GRID, ELASTIC_GRID, 2)
    cells_per_pixel = (ELASTIC_GRID - 1) / max(p - 1, 1)
    g = torch.arange(p, dtype=torch.float64, device=x.device) * cells_per_pixel  # [P]
    cell = torch.clamp(torch.floor(g), max=ELASTIC_GRID - 2).long()  # [P]
    t = g - cell  # [P]
    i, j, ty, tx = cell[:, None], cell[None, :], t[:, None, None], t[None, :, None]  # rows y, columns x
    o = lambda di, dj: offsets[:, i + di, j + dj]  # [N, P, P, 2]
    d = (1 - ty) * (1 - tx) * o(0, 0) + (1 - ty) * tx * o(0, 1) + ty * (1 - tx) * o(1, 0) + ty * tx * o(1, 1)
    amplitude = p / 4 * strength
    ys, xs = _pixel_grid(x)
    return sample_bilinear(x, xs + amplitude * d[..., 0], ys + amplitude * d[..., 1])


def shear_rotate(x, strength, u):
    """Rotation (±30°·strength) after a horizontal shear (±0.3·strength), both about the patch centre."""
    if strength == 0:
        return x
    angle = (MAX_ANGLE * strength * (2 * u[:, 0] - 1))[:, None, None]  # [N, 1, 1]
    shear = (MAX_SHEAR * strength * (2 * u[:, 1] - 1))[:, None, None]
    cos, sin = torch.cos(angle), torch.sin(angle)
    centre = (x.shape[1] - 1) / 2
    ys, xs = _pixel_grid(x)
    dy, dx = ys - centre, xs - centre
    sx = centre + (cos - shear * sin) * dx + (-sin - shear * cos) * dy
    sy = centre + sin * dx + cos * dy
    return sample_bilinear(x, sx, sy)


def spatial_jitter(x, strength, u):
    """A random sub-crop of side round(P·(1 − strength/2)) placed at a random spot on a FILL canvas."""
    p = x.shape[1]
    side = int(math.floor(p * (1 - strength / 2) + 0.5))
    if side == p:
        return x
    slack = p - side + 1
    crop_x, crop_y, place_x, place_y = (torch.floor(u[:, i] * slack)[:, None, None] for i in range(4))
    ys, xs = _pixel_grid(x)
    ry, rx = ys - place_y, xs - place_x  # [N, P, P] position inside the crop
    inside = (ry >= 0) & (ry < side) & (rx >= 0) & (rx < side)
    src_y = torch.where(inside, crop_y + ry, torch.full_like(ry, -1))  # -1: outside, reads FILL
    return _gather_pixels(x, src_y, crop_x + rx)


def flip(x, strength, u):
    """Left-right mirror with probability `strength`."""
    return torch.where((u[:, 0] < strength)[:, None, None, None], x.flip(2), x)


def _luma(r, g, b):
    return 0.299 * r + 0.587 * g + 0.114 * b


def color_jitter(x, strength, u):
    """Brightness ±0.4·s, contrast about the patch mean and saturation factors 1 ± 0.4·s, clamped once."""
    if strength == 0:
        return x
    rng = MAX_COLOR_CHANGE * strength
    brightness, contrast, saturation = ((rng * (2 * u[:, i] - 1))[:, None, None, None] for i in range(3))
    contrast, saturation = 1 + contrast, 1 + saturation
    mean = x.mean((1, 2, 3), keepdim=True)  # [N, 1, 1, 1]
    y = x * contrast + ((1 - contrast) * mean + brightness)
    if x.shape[3] == 3:
        gray = _luma(y[..., 0:1], y[..., 1:2], y[..., 2:3])
        y = gray + saturation * (y - gray)
    return y.clamp(0, 1)


def grayscale(x, strength, u):
    """An RGB patch to its luma in all three channels, with probability `strength`."""
    if x.shape[3] != 3:
        return x
    gray = _luma(x[..., 0:1], x[..., 1:2], x[..., 2:3]).expand_as(x)
    return torch.where((u[:, 0] < strength)[:, None, None, None], gray, x)


def color_drop(x, strength, u):
    """CPC v2 colour dropping: with probability `strength` keep one random channel, the others mid-grey."""
    if x.shape[3] != 3:
        return x
    kept = torch.floor(u[:, 1] * 3).long()  # [N]
    drop = (u[:, 0] < strength)[:, None] & (torch.arange(3, device=x.device)[None] != kept[:, None])  # [N, 3]
    return torch.where(drop[:, None, None, :], torch.full_like(x, 0.5), x)
