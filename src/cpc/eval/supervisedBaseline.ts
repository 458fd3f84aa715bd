import * as tf from '@tensorflow/tfjs';
import type { CpcConfig } from '../config';
import { extractPatches } from '../data/patches';
import { imageAt, imageBytes, type ImageSet } from '../data/imageSet';
import { CpcModel } from '../model/cpcModel';
import { poolOnGrid } from '../model/imageFeatures';
import { ownedVariable } from '../nn/params';
import { ADAM_EPSILON } from '../optim/adamw';
import { createRng, permutation, type Rng } from '../random';

/**
 * CPC v2's data-efficiency comparison: the same encoder, trained from scratch with the labels the probe
 * has, ending in the probe's own head (z pooled on a 3×3 grid → linear → softmax). If CPC features plus a
 * linear probe match it, self-supervision has paid for the labels it did not need.
 */
export interface SupervisedOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Largest random shift in pixels, each way (edges repeat): light augmentation. */
  shift: number;
  seed: number;
}

export const SUPERVISED_DEFAULTS: SupervisedOptions = {
  epochs: 40,
  batchSize: 32,
  learningRate: 1e-3,
  shift: 2,
  seed: 1,
};

export interface SupervisedResult {
  testAccuracy: number;
  steps: number;
}

export async function supervisedBaseline(
  config: CpcConfig,
  train: ImageSet,
  test: ImageSet,
  options: Partial<SupervisedOptions> = {},
): Promise<SupervisedResult> {
  const o = { ...SUPERVISED_DEFAULTS, ...options };
  if (!train.labels || !test.labels) throw new Error('The supervised baseline needs labelled images.');
  const classes = Math.max(train.classNames.length, 1);
  const model = new CpcModel({ ...config, seed: o.seed });
  const width = 9 * config.codeSize;
  const head = ownedVariable(tf.zeros([width, classes]), true, `${model.params.prefix}/head/w`); // [9D, C]
  const bias = ownedVariable(tf.zeros([classes]), true, `${model.params.prefix}/head/b`); // [C]
  const optimizer = tf.train.adam(o.learningRate, 0.9, 0.999, ADAM_EPSILON);
  const variables = [...model.params.trainable(), head, bias];
  const rng = createRng(o.seed + 0x5e1f);
  const logits = (images: ImageSet, training: boolean): tf.Tensor2D => {
    const { grid: g, patchSize: p, stride } = model.geometry;
    const all = Int32Array.from({ length: images.count }, (_, i) => i);
    const patches = extractPatches(images, all, p, stride, g);
    const x = tf.tensor4d(patches, [images.count * g * g, p, p, images.channels]);
    const z = model.encode(x, training); // [b·G·G, D]
    const pooled = poolOnGrid(tf.reshape(z, [images.count, g, g, config.codeSize]) as tf.Tensor4D, 3); // [b, 9D]
    return tf.add(tf.matMul(pooled, head as tf.Tensor2D), bias); // [b, C]
  };
  let steps = 0;
  try {
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      const order = permutation(train.count, rng);
      for (let start = 0; start < train.count; start += o.batchSize) {
        const batch = shifted(train, order.subarray(start, start + o.batchSize), o.shift, rng);
        tf.tidy(() => {
          const labels = tf.oneHot(tf.tensor1d(batch.labels!, 'int32'), classes); // [b, C]
          const loss = () => tf.losses.softmaxCrossEntropy(labels, logits(batch, true)) as tf.Scalar;
          optimizer.minimize(loss, false, variables);
          model.params.commitDeferred(tf.scalar(true, 'bool'));
        });
        steps++;
      }
    }
    return { testAccuracy: await accuracy(test, (images) => logits(images, false)), steps };
  } finally {
    optimizer.dispose();
    tf.dispose([head, bias]);
    model.dispose();
  }
}

async function accuracy(test: ImageSet, logits: (images: ImageSet) => tf.Tensor2D): Promise<number> {
  let correct = 0;
  for (let start = 0; start < test.count; start += 64) {
    const indices = Int32Array.from({ length: Math.min(64, test.count - start) }, (_, i) => start + i);
    const part = shifted(test, indices, 0, null);
    const predicted = tf.tidy(() => tf.argMax(logits(part), 1));
    const values = await predicted.data();
    predicted.dispose();
    values.forEach((label, i) => (correct += label === part.labels![i] ? 1 : 0));
  }
  return correct / test.count;
}

/** The chosen images, each moved by up to ±shift pixels (edge pixels repeat into the gap). */
function shifted(set: ImageSet, indices: ArrayLike<number>, shift: number, rng: Rng | null): ImageSet {
  const { size, channels } = set;
  const bytes = imageBytes(set);
  const pixels = new Uint8Array(indices.length * bytes);
  const labels = new Int32Array(indices.length);
  const scratch = new Uint8Array(bytes); // a stored image is read into it
  for (let n = 0; n < indices.length; n++) {
    const src = indices[n];
    const image = imageAt(set, src, scratch);
    labels[n] = set.labels![src];
    const dx = rng && shift > 0 ? rng.int(2 * shift + 1) - shift : 0;
    const dy = rng && shift > 0 ? rng.int(2 * shift + 1) - shift : 0;
    for (let y = 0; y < size; y++) {
      const sy = Math.min(size - 1, Math.max(0, y + dy));
      for (let x = 0; x < size; x++) {
        const sx = Math.min(size - 1, Math.max(0, x + dx));
        for (let c = 0; c < channels; c++) {
          pixels[n * bytes + (y * size + x) * channels + c] = image[(sy * size + sx) * channels + c];
        }
      }
    }
  }
  return { ...set, pixels, count: indices.length, labels };
}
