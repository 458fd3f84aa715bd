"""
Contrastive Predictive Coding on image patches, as the CPC Playground trains it, in plain PyTorch.

An image is cut into a G×G grid of overlapping patches. The encoder f turns each patch into a code z; a
context model g_ar reads the codes row by row (from one side, or from all four) into contexts c_t; a
linear map W_k predicts the code k rows ahead from c_t, and the loss asks each prediction to pick its
true target among candidates (InfoNCE) or to score it apart from them (sigmoid + BCE).

Every layer here computes what its twin in the playground (src/cpc) computes, so a run exported from the
browser continues where it stopped (parity is tested against tfjs to 1e-4). Tensors are channels-first as
usual in PyTorch: images [B, C, S, S] and patches [B·G·G, C, P, P], values in [0, 1], patch index
(b·G + row)·G + col. Parameters keep the playground's names; `load_playground_state` and
`playground_state` convert its layouts (HWIO conv kernels, [in, out] dense matrices) to torch's and back.

Depends on torch and numpy only. Beside it: tasks.py (the prediction tasks and candidates as index tables),
augment.py (per-patch augmentations), adamw.py (the optimiser step), playground_state.py (names and
layouts) and playground_checkpoint.py (the .cpc.zip file); everything a training script needs is
importable from here.
"""

import math

import numpy as np
import torch
import torch.nn as nn
import torch.distributed.nn  # noqa: F401 (all_gather with gradients, for forward under DDP)
import torch.nn.functional as F

from adamw import (learning_rate_at, load_playground_optimizer, make_optimizer,  # noqa: F401 (the API)
                   playground_optimizer_state, step_optimizer)
from augment import DRAWS_PER_PATCH, augment_patches
from playground_checkpoint import read_playground_checkpoint, write_playground_checkpoint  # noqa: F401
from playground_state import (load_playground_state, playground_grads, playground_shape,  # noqa: F401
                              playground_state)
from tasks import grid_geometry, prediction_table, row_candidates, sample_candidates

# The playground's defaults (src/cpc/config): a config.json holds every key, these fill any that is missing.
DEFAULT_CONFIG = dict(
    imageSize=28, channels=1, patchSize=8, patchStride=4, seed=1,
    encoder='simple-cnn', encoderWidth=64, encoderDepth=2, encoderHidden=128, codeSize=64, norm='layer',
    context='gru', contextHidden=64, contextLayers=2, directions='top-down', kMin='auto', kMax=4,
    loss='infonce', candidates='sampled', negatives=15, sameImageNegatives=0.25,
    batchSize=16, learningRate=2e-3, warmupSteps=50, schedule='cosine', scheduleSteps=5000,
    minLearningRateRatio=0.05, weightDecay=1e-4, gradClip=1.0,
    augJitter=0.5, augFlip=0.0, augColorDrop=0.5, augColorJitter=0.2, augGrayscale=0.0,
    augShearRotate=0.0, augElastic=0.0,
)

LEAKY_SLOPE = 0.3  # Keras' default LeakyReLU, as in the classic Keras CPC
NORM_EPS = 1e-5
BATCH_NORM_MOMENTUM = 0.9  # weight of the old running statistics in each update
MASKED_CONV_TIME = 3  # a causal layer sees the current time step and the two before …
MASKED_CONV_LANE = 3  # … and three lanes, centred
IMAGE_FEATURES = ('grid3-z', 'grid2-z', 'mean-z', 'z-c', 'hidden')


# -----------------------------------------------------------------------------
# Layers


class SameConv(nn.Conv2d):
    """k×k convolution with TensorFlow's 'same' padding: an odd pixel of padding goes bottom and right."""

    def forward(self, x):  # [N, Cin, H, W] → [N, Cout, ⌈H/s⌉, ⌈W/s⌉]
        k, s = self.kernel_size[0], self.stride[0]
        pads = []
        for size in (x.shape[3], x.shape[2]):  # F.pad wants the last axis first
            total = max((-(-size // s) - 1) * s + k - size, 0)
            pads += [total // 2, total - total // 2]
        return super().forward(F.pad(x, pads))


class BatchNorm(nn.Module):
    """
    Per-channel statistics over the batch (and space); running averages in eval mode. The running update
    uses the biased batch variance and waits in `pending` until `commit` learns that the step was
    accepted, as in the playground (a NaN step leaves the statistics as they were).
    """

    def __init__(self, channels):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(channels))
        self.bias = nn.Parameter(torch.zeros(channels))
        self.register_buffer('running_mean', torch.zeros(channels))
        self.register_buffer('running_var', torch.ones(channels))
        self.pending = None

    def forward(self, x):  # [N, C] or [N, C, H, W], same shape out
        shape = (1, -1) + (1,) * (x.dim() - 2)
        if self.training:
            axes = [0] + list(range(2, x.dim()))
            world, _ = _world()
            if world > 1:
                mean, var = self.global_statistics(x, axes, world)
            else:
                mean = x.mean(axes, keepdim=True)
                var = (x - mean).square().mean(axes, keepdim=True)
            self.pending = (mean.detach().flatten(), var.detach().flatten())
        else:
            mean, var = self.running_mean.view(shape), self.running_var.view(shape)
        return (x - mean) * torch.rsqrt(var + NORM_EPS) * self.weight.view(shape) + self.bias.view(shape)

    @staticmethod
    def global_statistics(x, axes, world):
        """Under torch.distributed: the mean and biased variance over every process's batch, as one process
        computes them on the whole batch (to float rounding). Each process holds an equal share, so the count
        is world × the local one; the sums go through a differentiable all_reduce, so the gradients flow
        through the other processes' statistics too. Two passes (mean, then squared deviations)."""
        all_reduce = torch.distributed.nn.functional.all_reduce
        count = world * x.numel() // x.shape[1]
        mean = all_reduce(x.sum(axes, keepdim=True)) / count
        var = all_reduce((x - mean).square().sum(axes, keepdim=True)) / count
        return mean, var

    @torch.no_grad()
    def commit(self, accept):
        if self.pending is not None and accept:
            m = BATCH_NORM_MOMENTUM
            self.running_mean.mul_(m).add_(self.pending[0], alpha=1 - m)
            self.running_var.mul_(m).add_(self.pending[1], alpha=1 - m)
        self.pending = None


def make_norm(kind, channels):
    """Layer norm normalises each sample over all its features (GroupNorm with one group)."""
    if kind == 'layer':
        return nn.GroupNorm(1, channels, eps=NORM_EPS)
    if kind == 'batch':
        return BatchNorm(channels)
    return nn.Identity()


# -----------------------------------------------------------------------------
# Patch encoders f: patches [N, C, P, P] in [0, 1] → (z [N, D], the features z is projected from)


class SimpleCnn(nn.Module):
    """
    The classic Keras CPC encoder: depth × [conv 3×3 stride 2 → norm → LeakyReLU], flatten, an optional
    dense → norm → LeakyReLU, then a linear dense to the code size.
    """

    def __init__(self, config):
        super().__init__()
        width, hidden, side = config['encoderWidth'], config['encoderHidden'], config['patchSize']
        self.convs, self.norms = nn.ModuleList(), nn.ModuleList()
        for i in range(config['encoderDepth']):
            self.convs.append(SameConv(config['channels'] if i == 0 else width, width, 3, stride=2))
            self.norms.append(make_norm(config['norm'], width))
            side = -(-side // 2)
        flat = side * side * width
        self.hidden = nn.Linear(flat, hidden) if hidden > 0 else None
        self.hidden_norm = make_norm(config['norm'], hidden) if hidden > 0 else None
        self.code = nn.Linear(hidden if hidden > 0 else flat, config['codeSize'])

    def forward(self, patches):
        x = patches * 2 - 1  # [N, C, P, P] in [-1, 1]
        for conv, norm in zip(self.convs, self.norms):
            x = F.leaky_relu(norm(conv(x)), LEAKY_SLOPE)  # [N, width, s, s]
        h = x.permute(0, 2, 3, 1).flatten(1)  # [N, s·s·width] in the playground's (row, col, channel) order
        if self.hidden is not None:
            h = F.leaky_relu(self.hidden_norm(self.hidden(h)), LEAKY_SLOPE)  # [N, hidden]
        return self.code(h), h  # [N, D], [N, hidden or s·s·width]


class ResidualBlock(nn.Module):
    """Pre-activation block: [norm → ReLU → conv 3×3 → norm → ReLU → conv 3×3] + skip."""

    def __init__(self, norm, width, stride):
        super().__init__()
        self.n1, self.c1 = make_norm(norm, width), SameConv(width, width, 3, stride=stride)
        self.n2, self.c2 = make_norm(norm, width), SameConv(width, width, 3)
        self.skip = SameConv(width, width, 1, stride=stride, bias=False) if stride > 1 else None

    def forward(self, x):  # [N, w, s, s] → [N, w, s/stride, s/stride]
        pre = F.relu(self.n1(x))
        y = self.c2(F.relu(self.n2(self.c1(pre))))
        return y + (self.skip(pre) if self.skip is not None else x)


class ResNet(nn.Module):
    """
    A small pre-activation ResNet: a 3×3 stem, blocks that halve the resolution after the first while it
    is above 2×2, a final norm → ReLU, mean-pooling over space (CPC v1) and a linear map to the code size.
    """

    def __init__(self, config):
        super().__init__()
        width, side = config['encoderWidth'], config['patchSize']
        self.stem = SameConv(config['channels'], width, 3)
        self.blocks = nn.ModuleList()
        for i in range(config['encoderDepth']):
            stride = 2 if i > 0 and side > 2 else 1
            self.blocks.append(ResidualBlock(config['norm'], width, stride))
            side = -(-side // stride)
        self.final = make_norm(config['norm'], width)
        self.code = nn.Linear(width, config['codeSize'])

    def forward(self, patches):
        x = self.stem(patches * 2 - 1)  # [N, width, P, P]
        for block in self.blocks:
            x = block(x)  # [N, width, s, s]
        pooled = F.relu(self.final(x)).mean((2, 3))  # [N, width]
        return self.code(pooled), pooled  # [N, D], [N, width]


# -----------------------------------------------------------------------------
# Context models g_ar: z [Ndir, B, T, L, D] → c [Ndir, B, T, L, H], c at time t sees times ≤ t only.
# Each direction has its own weights, stacked on the leading axis as in the playground.


def direction_views(z_grid, directions):
    """[B, G, G, D] → [Ndir, B, T, L, D]: time along each direction's prediction axis, lanes across it."""
    views = {
        'down': lambda z: z,
        'up': lambda z: z.flip(1),
        'right': lambda z: z.transpose(1, 2),
        'left': lambda z: z.transpose(1, 2).flip(1),
    }
    return torch.stack([views[d](z_grid) for d in directions])


def lanes_to_sequences(z):
    """[Ndir, B, T, L, D] → [Ndir, B·L, T, D]: one sequence per lane."""
    ndir, b, t, l, d = z.shape
    return z.permute(0, 1, 3, 2, 4).reshape(ndir, b * l, t, d)


def sequences_to_lanes(c, batch, lanes):
    """[Ndir, B·L, T, H] → [Ndir, B, T, L, H]."""
    ndir, _, t, h = c.shape
    return c.reshape(ndir, batch, lanes, t, h).permute(0, 1, 3, 2, 4)


def state_dtype(xs):
    """The recurrent state's dtype: float32 (or wider) even when autocast computes xs in bfloat16, whose
    8-bit mantissa would round the state afresh at every time step."""
    return torch.promote_types(xs.dtype, torch.float32)


class GruContext(nn.Module):
    """GRU in PyTorch's formulation (reset after the product), gates r, u, n."""

    def __init__(self, ndir, inputs, hidden):
        super().__init__()
        self.hidden_size = hidden
        self.wx = nn.Parameter(torch.empty(ndir, inputs, 3 * hidden))
        self.wh = nn.Parameter(torch.empty(ndir, hidden, 3 * hidden))
        self.bx = nn.Parameter(torch.zeros(ndir, 1, 3 * hidden))
        self.bh = nn.Parameter(torch.zeros(ndir, 1, 3 * hidden))

    def forward(self, z):
        _, batch, _, lanes, _ = z.shape
        xs = lanes_to_sequences(z) @ self.wx[:, None] + self.bx[:, None]  # [Ndir, S, T, 3H]
        h = xs.new_zeros(xs.shape[0], xs.shape[1], self.hidden_size, dtype=state_dtype(xs))  # [Ndir, S, H]
        outputs = []
        for t in range(xs.shape[2]):
            xr, xu, xn = xs[:, :, t].chunk(3, -1)  # 3 × [Ndir, S, H]
            hr, hu, hn = (h @ self.wh + self.bh).chunk(3, -1)
            r, u = torch.sigmoid(xr + hr), torch.sigmoid(xu + hu)
            n = torch.tanh(xn + r * hn)
            h = (1 - u.to(h.dtype)) * n.to(h.dtype) + u.to(h.dtype) * h  # the state stays float32 under autocast
            outputs.append(h)
        return sequences_to_lanes(torch.stack(outputs, 2), batch, lanes)


class LstmContext(nn.Module):
    """Standard LSTM, gates i, f, g, o; the forget-gate bias starts at 1."""

    def __init__(self, ndir, inputs, hidden):
        super().__init__()
        self.hidden_size = hidden
        self.wx = nn.Parameter(torch.empty(ndir, inputs, 4 * hidden))
        self.wh = nn.Parameter(torch.empty(ndir, hidden, 4 * hidden))
        self.b = nn.Parameter(torch.zeros(ndir, 1, 4 * hidden))

    def forward(self, z):
        _, batch, _, lanes, _ = z.shape
        xs = lanes_to_sequences(z) @ self.wx[:, None] + self.b[:, None]  # [Ndir, S, T, 4H]
        h = xs.new_zeros(xs.shape[0], xs.shape[1], self.hidden_size, dtype=state_dtype(xs))  # [Ndir, S, H]
        c = torch.zeros_like(h)  # both states stay float32 under autocast
        outputs = []
        for t in range(xs.shape[2]):
            i, f, g, o = (xs[:, :, t] + h @ self.wh).chunk(4, -1)  # 4 × [Ndir, S, H]
            c = torch.sigmoid(f).to(c.dtype) * c + (torch.sigmoid(i) * torch.tanh(g)).to(c.dtype)
            h = torch.sigmoid(o).to(c.dtype) * torch.tanh(c)
            outputs.append(h)
        return sequences_to_lanes(torch.stack(outputs, 2), batch, lanes)


class MaskedConvContext(nn.Module):
    """
    A stack of causal convolutions over the grid (CPC v1's PixelCNN-style context): time padded only at
    the start, lanes on both sides; ReLU; layers after the first residual. Weights keep the playground's
    layout [Ndir, taps·Cin, H] with taps ordered (dt, dl); the directions run as groups of one conv.
    """

    def __init__(self, ndir, inputs, hidden, layers):
        super().__init__()
        taps = MASKED_CONV_TIME * MASKED_CONV_LANE
        self.w = nn.ParameterList(
            [nn.Parameter(torch.empty(ndir, taps * (inputs if i == 0 else hidden), hidden)) for i in range(layers)])
        self.b = nn.ParameterList([nn.Parameter(torch.zeros(ndir, 1, hidden)) for _ in range(layers)])

    def forward(self, z):
        x = z  # [Ndir, B, T, L, D]
        for i, (w, b) in enumerate(zip(self.w, self.b)):
            y = F.relu(self.causal_conv(x, w, b))  # [Ndir, B, T, L, H]
            x = y if i == 0 else x + y
        return x

    @staticmethod
    def causal_conv(x, w, b):
        ndir, batch, t, l, cin = x.shape
        hidden = w.shape[2]
        grid = x.permute(1, 0, 4, 2, 3).reshape(batch, ndir * cin, t, l)  # [B, Ndir·Cin, T, L]
        side = (MASKED_CONV_LANE - 1) // 2
        grid = F.pad(grid, (side, side, MASKED_CONV_TIME - 1, 0))  # [B, Ndir·Cin, T + 2, L + 2]
        kernel = w.view(ndir, MASKED_CONV_TIME, MASKED_CONV_LANE, cin, hidden).permute(0, 4, 3, 1, 2)
        y = F.conv2d(grid, kernel.reshape(ndir * hidden, cin, MASKED_CONV_TIME, MASKED_CONV_LANE),
                     groups=ndir)  # [B, Ndir·H, T, L]
        y = y.view(batch, ndir, hidden, t, l).permute(1, 0, 3, 4, 2)  # [Ndir, B, T, L, H]
        return y + b.view(ndir, 1, 1, 1, hidden)


# -----------------------------------------------------------------------------
# Losses (src/cpc/losses/contrastive.ts): scores [M, 1 + N], the positive in column 0


def info_nce_losses(scores):
    """−log softmax(scores)[positive] per prediction [M]; log(1 + N) at chance."""
    return torch.logsumexp(scores, 1) - scores[:, 0]


def binary_nce_losses(scores, code_size):
    """Sigmoid + BCE on scores / D: the positive and the mean over negatives weigh equally; log 2 at chance."""
    s = scores / code_size
    return 0.5 * (F.softplus(-s[:, 0]) + F.softplus(s[:, 1:]).mean(1))


# -----------------------------------------------------------------------------
# The model


class CPC(nn.Module):
    """Encoder f → per-direction context g_ar → linear predictors W_k → scores against candidates."""

    def __init__(self, config):
        super().__init__()
        self.config = {**DEFAULT_CONFIG, **config}
        cfg = self.config
        self.geometry = grid_geometry(cfg)
        ndir, d, h = len(self.geometry['directions']), cfg['codeSize'], cfg['contextHidden']
        self.encoder = SimpleCnn(cfg) if cfg['encoder'] == 'simple-cnn' else ResNet(cfg)
        if cfg['context'] == 'gru':
            self.context = GruContext(ndir, d, h)
        elif cfg['context'] == 'lstm':
            self.context = LstmContext(ndir, d, h)
        else:
            self.context = MaskedConvContext(ndir, d, h, cfg['contextLayers'])
        # W_k for every direction and k as one stack, so that all predictions are one batched matmul.
        self.predictors = nn.Parameter(torch.empty(ndir, h, len(self.geometry['ks']) * d))
        self._tables = {}
        self.reset_parameters()

    # --- weights under the playground's names ---

    def playground_tensors(self):
        """(playground name, tensor, layout) for every weight and running statistic; layout is 'hwio'
        (conv kernel [k, k, Cin, Cout] there, [Cout, Cin, k, k] here), 'in_out' (dense [in, out] there,
        nn.Linear's [out, in] here) or 'same'."""
        out = []

        def conv(name, m):
            out.append((f'{name}/w', m.weight, 'hwio'))
            if m.bias is not None:
                out.append((f'{name}/b', m.bias, 'same'))

        def dense(name, m):
            out.extend([(f'{name}/w', m.weight, 'in_out'), (f'{name}/b', m.bias, 'same')])

        def norm(name, m):
            if isinstance(m, nn.GroupNorm):
                out.extend([(f'{name}/ln_gain', m.weight, 'same'), (f'{name}/ln_bias', m.bias, 'same')])
            elif isinstance(m, BatchNorm):
                out.extend([(f'{name}/bn_gain', m.weight, 'same'), (f'{name}/bn_bias', m.bias, 'same'),
                            (f'{name}/bn_mean', m.running_mean, 'same'), (f'{name}/bn_var', m.running_var, 'same')])

        enc = self.encoder
        if isinstance(enc, SimpleCnn):
            for i, (c, n) in enumerate(zip(enc.convs, enc.norms)):
                conv(f'encoder/conv{i}', c)
                norm(f'encoder/conv{i}', n)
            if enc.hidden is not None:
                dense('encoder/hidden', enc.hidden)
                norm('encoder/hidden', enc.hidden_norm)
        else:
            conv('encoder/stem', enc.stem)
            for i, block in enumerate(enc.blocks):
                norm(f'encoder/block{i}/n1', block.n1)
                conv(f'encoder/block{i}/c1', block.c1)
                norm(f'encoder/block{i}/n2', block.n2)
                conv(f'encoder/block{i}/c2', block.c2)
                if block.skip is not None:
                    conv(f'encoder/block{i}/skip', block.skip)
            norm('encoder/final', enc.final)
        dense('encoder/code', enc.code)
        ctx = self.context
        if isinstance(ctx, MaskedConvContext):
            for i, (w, b) in enumerate(zip(ctx.w, ctx.b)):
                out.extend([(f'context/layer{i}/w', w, 'same'), (f'context/layer{i}/b', b, 'same')])
        else:
            out.extend((f'context/{name}', p, 'same') for name, p in ctx.named_parameters())
        out.append(('predictors/w', self.predictors, 'same'))
        return out

    @torch.no_grad()
    def reset_parameters(self, generator=None):
        """The playground's initial distributions (nn/params.ts), drawn from torch's generator."""

        def he(shape):  # fan-in: all but the last axis of the playground layout
            return torch.randn(shape, generator=generator) * math.sqrt(2 / np.prod(shape[:-1]))

        def glorot(shape):
            limit = math.sqrt(6 / (np.prod(shape[:-1]) + shape[-1]))
            return (torch.rand(shape, generator=generator) * 2 - 1) * limit

        def recurrent(shape):
            return torch.randn(shape, generator=generator) / math.sqrt(shape[-2])

        def stacked(init, shape):  # one independent draw per direction
            return torch.stack([init(shape[1:]) for _ in range(shape[0])])

        def lstm_bias(shape):  # the forget gate (second quarter of the gates) starts at 1
            b = torch.zeros(shape)
            b[..., shape[-1] // 4: shape[-1] // 2] = 1
            return b

        values = {}
        for name, tensor, layout in self.playground_tensors():
            shape = list(playground_shape(tensor, layout))
            leaf = name.rsplit('/', 1)[1]
            if leaf in ('ln_gain', 'bn_gain', 'bn_var'):
                values[name] = torch.ones(shape)
            elif name == 'predictors/w' or leaf == 'wx':
                values[name] = stacked(glorot, shape)
            elif name == 'encoder/code/w':
                values[name] = glorot(shape)
            elif leaf == 'wh':
                values[name] = stacked(recurrent, shape)
            elif leaf == 'w':  # convs, the hidden dense layer (He: a (leaky) ReLU follows), masked convs
                values[name] = stacked(he, shape) if name.startswith('context/') else he(shape)
            elif name == 'context/b':
                values[name] = lstm_bias(shape)
            else:
                values[name] = torch.zeros(shape)
        load_playground_state(self, values)

    # --- the forward pass ---

    def encode(self, patches):
        """Patch codes: patches [N, C, P, P] in [0, 1] → z [N, D]."""
        return self.encoder(patches)[0]

    def contexts(self, z, batch):
        """Codes z [B·G·G, D] → contexts c [Ndir, B, T, L, H]."""
        g = self.geometry['grid']
        z_grid = z.view(batch, g, g, -1)  # [B, G, G, D]
        return self.context(direction_views(z_grid, self.geometry['directions']))

    def table(self, batch):
        """The prediction table for this batch size (static, so built once)."""
        if batch not in self._tables:
            self._tables[batch] = prediction_table(self.geometry, batch)
        return self._tables[batch]

    @staticmethod
    def _on_device(table, key, device):
        """An index array of a table as a tensor on `device`, uploaded once."""
        if (key, device) not in table:
            table[(key, device)] = torch.as_tensor(table[key], device=device)
        return table[(key, device)]

    def loss_on_patches(self, patches, batch, candidates):
        """
        patches [B·G·G, C, P, P] (augmented, in [0, 1]); candidates: pool indices [M, 1 + N] or flat
        [M·(1 + N)], the positive first, rows in prediction_table order (the playground's StepInputs).
        Returns the mean loss and detached metrics: accuracy, and loss and accuracy per k [K].
        """
        return self.loss_on_codes(self.encode(patches), batch, candidates)

    def loss_on_codes(self, z, batch, candidates):
        """
        loss_on_patches from the patch codes z [B·G·G, D]. Under DistributedDataParallel, gathering every
        process's codes with torch.distributed.nn.all_gather (which carries gradients) and calling this on
        the whole batch makes the candidates span the global batch, so N processes compute one process's
        loss and, after DDP's averaging, its gradients (batch norm all-reduces its statistics likewise).
        """
        table = self.table(batch)
        m = len(table['rows'])
        candidates = torch.as_tensor(candidates, device=z.device).long().view(m, -1)  # [M, 1+N]
        c = self.contexts(z, batch)  # [Ndir, B, T, L, H]
        ndir, _, t, l, h = c.shape
        preds = (c.reshape(ndir, -1, h) @ self.predictors).reshape(-1, z.shape[1])  # [Ndir·B·T·L·K, D]
        preds = preds[self._on_device(table, 'rows', z.device)]  # [M, D]
        # Scores in float32 even under autocast: bfloat16 would round near scores into ties (which count
        # as misses in the accuracy) and coarsen the loss.
        with torch.autocast(z.device.type, enabled=False):
            scores = (preds.float() @ z.float().t()).gather(1, candidates)  # [M, 1+N]
        if self.config['loss'] == 'infonce':
            losses = info_nce_losses(scores)
        else:
            losses = binary_nce_losses(scores, self.config['codeSize'])  # [M]
        with torch.no_grad():
            wins = (scores[:, 0] > scores[:, 1:].max(1).values).float()  # [M]
            per_k = [(losses[s:s + n].mean(), wins[s:s + n].mean()) for _, s, n in table['segments']]
            metrics = dict(accuracy=wins.mean(), loss_k=torch.stack([p[0] for p in per_k]),
                           accuracy_k=torch.stack([p[1] for p in per_k]), ks=[k for k, _, _ in table['segments']])
        loss = losses.mean()
        metrics['loss'] = loss.detach()
        return loss, metrics

    def candidates_for(self, batch, generator=None, device=None):
        """The playground's candidates for one step: sampled negatives or every patch of the target row."""
        table, cfg = self.table(batch), self.config
        if cfg['candidates'] == 'row':
            if 'row_candidates' not in table:  # static for a batch size
                table['row_candidates'] = row_candidates(self.geometry, batch)
            return self._on_device(table, 'row_candidates', device)
        targets = self._on_device(table, 'targets', device)
        return sample_candidates(targets, self.geometry['grid'] ** 2, batch, cfg['negatives'],
                                 cfg['sameImageNegatives'], generator)

    def forward(self, images, generator=None):
        """
        One training loss from images [B, C, S, S] in [0, 1]: patches, per-patch augmentation (in training
        mode) and candidates drawn from `generator` (a torch.Generator; None: torch's default). A CPU
        generator (train.py's) draws the same numbers whatever the device; the draws then move to it.

        Under torch.distributed (torchrun, DistributedDataParallel) `images` is this process's share of
        the batch, every process has the same share size, and `generator` must be seeded alike on every
        process: each then draws the whole batch's augmentation and candidates and uses its slice, the
        codes of all processes are gathered (with their gradients), and the loss is the one a single
        process computes on the whole batch (batch norm's statistics too: all-reduced over the processes).
        """
        world, rank = _world()
        batch = images.shape[0] * world
        patches = extract_patches(images, self.config['patchSize'], self.config['patchStride'])
        if self.training:
            n = patches.shape[0]  # this process's patches, of n·world
            device = generator.device if generator is not None else patches.device
            draws = torch.rand(n * world, DRAWS_PER_PATCH, generator=generator, dtype=torch.float64, device=device)
            patches = augment_patches(patches, self.config, draws=draws[rank * n:(rank + 1) * n])
        z = self.encode(patches)  # [n, D]
        if world > 1:
            z = torch.cat(torch.distributed.nn.all_gather(z), 0)  # [B·G·G, D], gradients flow back to each
        return self.loss_on_codes(z, batch, self.candidates_for(batch, generator, images.device))

    @torch.no_grad()
    def features(self, images, feature='grid3-z'):
        """
        One vector per image for the linear probe, without augmentation and with norms in eval mode
        (src/cpc/model/imageFeatures.ts): images [B, C, S, S] → [B, F].
        """
        was_training = self.training
        self.eval()
        try:
            g, b = self.geometry['grid'], images.shape[0]
            patches = extract_patches(images, self.config['patchSize'], self.config['patchStride'])
            z, hidden = self.encoder(patches)  # [b·G·G, D], [b·G·G, Hd]
            z_grid = z.view(b, g, g, -1)  # [b, G, G, D]
            if feature == 'mean-z':
                return z_grid.mean((1, 2))
            if feature in ('grid2-z', 'grid3-z'):
                return pool_on_grid(z_grid, 2 if feature == 'grid2-z' else 3)
            if feature == 'z-c':
                c = self.contexts(z, b)  # [Ndir, b, T, L, H]
                return torch.cat([z_grid.mean((1, 2)), c.mean((0, 2, 3))], 1)  # [b, D + H]
            if feature == 'hidden':
                return hidden.view(b, g * g, -1).mean(1)  # [b, Hd]
            raise ValueError(f'unknown image feature {feature!r}; one of {IMAGE_FEATURES}')
        finally:
            self.train(was_training)


def _world():
    """(processes, this one's rank) under torch.distributed, else (1, 0)."""
    if torch.distributed.is_available() and torch.distributed.is_initialized():
        return torch.distributed.get_world_size(), torch.distributed.get_rank()
    return 1, 0


def extract_patches(images, patch, stride):
    """images [B, C, S, S] → patches [B·G·G, C, P, P]; patch (row r, col c) starts at (r·stride, c·stride)."""
    b, c = images.shape[:2]
    tiles = images.unfold(2, patch, stride).unfold(3, patch, stride)  # [B, C, G, G, P, P]
    return tiles.permute(0, 2, 3, 1, 4, 5).reshape(-1, c, patch, patch)


def pool_on_grid(z_grid, cells):
    """Mean of the codes in each cell of a cells×cells grid (cells overlap by a row when G is not a
    multiple), concatenated: [b, G, G, D] → [b, cells·cells·D]."""
    g = z_grid.shape[1]
    spans = [(i * g // cells, -(-(i + 1) * g // cells)) for i in range(cells)]
    return torch.cat([z_grid[:, r0:r1, c0:c1].mean((1, 2)) for r0, r1 in spans for c0, c1 in spans], 1)
