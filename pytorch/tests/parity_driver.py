"""
Runs pytorch/cpc.py on the cases that src/node/pytorch/parity.test.ts wrote, all in one process, and
writes what it computed for the test to compare with tfjs. After the step it also saves the model and
AdamW's state as DIR/<case>/continued.cpc.zip, which the playground must be able to continue from.

    python3 pytorch/tests/parity_driver.py DIR

Each DIR/<case>/ holds `checkpoint.cpc.zip` (the playground's own checkpoint: weights, AdamW state, step),
`case.json` and raw little-endian arrays. The answer is DIR/<case>/result.cpc.zip, in the same checkpoint
format, with these tensors:
  loss, gradNorm           the training-mode loss on the given patches and candidates, its gradient norm
  z                        the patch codes [N, D] in training mode
  grad/<weight>            each gradient, in the playground's layout
  feature/<name>           the probe's image features [B, F] (eval mode)
  after/<weight>           every weight and running statistic after one AdamW step (the playground's next)
  roundtrip                max |playground_state(load_playground_state(w)) − w| over all weights
  augmented                (augmentation cases) the patches augmented with the given draws
  candidates, loss         (sampling cases) candidates drawn by torch, the loss of forward(images)
"""

import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))

import cpc  # noqa: E402
from augment import augment_patches  # noqa: E402
from playground_checkpoint import read_playground_checkpoint, write_playground_checkpoint  # noqa: E402
from outputs import split_playground_tensors  # noqa: E402


def read(folder, name, dtype, shape):
    return torch.from_numpy(np.fromfile(os.path.join(folder, name), dtype=dtype).reshape(shape).copy())


def model_case(folder, spec):
    config, step, tensors, _ = read_playground_checkpoint(os.path.join(folder, 'checkpoint.cpc.zip'))
    model = cpc.CPC(config)
    cpc.load_playground_state(model, tensors)
    state = cpc.playground_state(model)
    out = dict(roundtrip=max(float(np.abs(state[k] - tensors[k]).max(initial=0)) for k in state))
    p, c, b, s = config['patchSize'], config['channels'], spec['batch'], config['imageSize']
    patches = read(folder, 'patches.f32', '<f4', (-1, p, p, c)).permute(0, 3, 1, 2)  # [N, C, P, P]
    candidates = read(folder, 'candidates.i32', '<i4', (-1,))
    images = read(folder, 'images.f32', '<f4', (-1, s, s, c)).permute(0, 3, 1, 2)  # [B, C, S, S]
    for feature in cpc.IMAGE_FEATURES:
        out[f'feature/{feature}'] = model.features(images, feature).numpy()
    model.train()
    with torch.no_grad():
        out['z'] = model.encode(patches).numpy()
    loss, _ = model.loss_on_patches(patches, b, candidates)
    loss.backward()
    grads = cpc.playground_grads(model)
    out['loss'] = np.array(loss.item())
    out['gradNorm'] = np.array(np.sqrt(sum(float(np.square(g.astype(np.float64)).sum()) for g in grads.values())))
    out.update({f'grad/{k}': v for k, v in grads.items()})
    optimizer = cpc.make_optimizer(model)
    _, m, v, count = split_playground_tensors(tensors)
    cpc.load_playground_optimizer(optimizer, model, m, v, count)
    cpc.step_optimizer(model, optimizer, loss, step)
    out.update({f'after/{k}': v for k, v in cpc.playground_state(model).items()})
    continued = {**cpc.playground_state(model), **cpc.playground_optimizer_state(optimizer, model)}
    write_playground_checkpoint(os.path.join(folder, 'continued.cpc.zip'), config, step + 1, continued)
    return config, step, out


def augmentation_case(folder, spec):
    config = spec['config']
    p, c = config['patchSize'], config['channels']
    raw = read(folder, 'raw.f32', '<f4', (-1, p, p, c)).permute(0, 3, 1, 2)
    draws = read(folder, 'draws.f64', '<f8', (raw.shape[0], -1))
    augmented = augment_patches(raw, config, draws=draws).permute(0, 2, 3, 1)
    return config, 0, dict(augmented=augmented.numpy())


def sampling_case(folder, spec):
    """Candidates drawn by torch's generator, and one whole forward(images) with augmentation."""
    config = spec['config']
    model = cpc.CPC(config)
    generator = torch.Generator().manual_seed(0)
    candidates = model.candidates_for(config['batchSize'], generator)
    s, c = config['imageSize'], config['channels']
    images = read(folder, 'images.f32', '<f4', (-1, s, s, c)).permute(0, 3, 1, 2)
    loss, _ = model(images, generator)
    return config, 0, dict(candidates=candidates.numpy(), loss=np.array(loss.item()))


def main(root):
    torch.set_num_threads(1)
    for name in sorted(os.listdir(root)):
        folder = os.path.join(root, name)
        with open(os.path.join(folder, 'case.json')) as f:
            spec = json.load(f)
        run = dict(model=model_case, augmentation=augmentation_case, sampling=sampling_case)[spec['kind']]
        config, step, out = run(folder, spec)
        out = {k: np.asarray(v, dtype=np.float32) for k, v in out.items()}
        write_playground_checkpoint(os.path.join(folder, 'result.cpc.zip'), config, step, out)


if __name__ == '__main__':
    main(sys.argv[1])
