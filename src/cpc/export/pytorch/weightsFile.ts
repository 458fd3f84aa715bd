import type { Checkpoint } from '../../checkpoint/format';
import { Float32Tensor, torchSave, type TorchValue } from './torchSave';

export const WEIGHTS_FORMAT = 'cpc-playground-weights';
export const WEIGHTS_VERSION = 1;

/** The optimizer's entries in a checkpoint: `optimizer/count`, `optimizer/m/<param>`, `optimizer/v/<param>`. */
const OPTIMIZER_PREFIX = 'optimizer/';
const OPTIMIZER_COUNT = 'optimizer/count';

/**
 * A checkpoint's state as `weights.pt`, which `torch.load` reads as
 *
 *   {"format": "cpc-playground-weights", "version": 1, "step": int,
 *    "params": OrderedDict{playground name: float32 tensor in the playground's layout},
 *    "optimizer": {"step": int, "m": OrderedDict{param name: tensor}, "v": OrderedDict{...}},
 *    "streams": str (JSON)}
 *
 * Names and layouts stay the playground's (`encoder/conv0/w` is [kh, kw, in, out]): the exported cpc.py
 * maps them onto its modules, so this file can be read back into a checkpoint without a table of renames.
 * "optimizer" is there when the checkpoint holds AdamW state (its `step` counts applied updates, for the
 * bias correction; the top-level `step` counts training steps), "streams" when it holds the random
 * streams. The checkpoint's `extra` (curves, probe runs, dataset) goes beside it as extra.json, where
 * train.py reads it and writes it back.
 */
export function weightsFromCheckpoint({ manifest, tensors }: Checkpoint): { [key: string]: TorchValue } {
  const shapes = new Map(manifest.tensors.map((t) => [t.name, t.shape]));
  const tensor = (name: string) =>
    new Float32Tensor(shapes.get(name) ?? [], tensors.get(name) as Float32Array);
  const names = manifest.tensors.map((t) => t.name);
  const params = new Map(names.filter((n) => !n.startsWith(OPTIMIZER_PREFIX)).map((n) => [n, tensor(n)]));
  const moments = (label: 'm' | 'v') => {
    const prefix = `${OPTIMIZER_PREFIX}${label}/`;
    return new Map(names.filter((n) => n.startsWith(prefix)).map((n) => [n.slice(prefix.length), tensor(n)]));
  };
  const count = tensors.get(OPTIMIZER_COUNT);
  return {
    format: WEIGHTS_FORMAT,
    version: WEIGHTS_VERSION,
    step: manifest.step,
    params,
    ...(count ? { optimizer: { step: Math.round(count[0]), m: moments('m'), v: moments('v') } } : {}),
    ...(manifest.streams === undefined ? {} : { streams: JSON.stringify(manifest.streams) }),
  };
}

/** `weights.pt`'s bytes for a decoded checkpoint. */
export function weightsFile(checkpoint: Checkpoint): Uint8Array {
  return torchSave(weightsFromCheckpoint(checkpoint));
}
