import * as tf from '@tensorflow/tfjs';
import { reluGrad } from '../ops/reluGrad';
import { customGrad } from '../ops/customGrad';
import type { NormKind } from '../config';
import { webGpuLayerNorm, webGpuLayerNormReady } from '../ops/webgpu/layerNormKernels';
import { fusedLayerNorm } from './fusedLayerNorm';
import { ones, zeros, type ParamScope } from './params';

/**
 * Normalisation inside the patch encoder.
 *
 * Why batch norm lets CPC cheat: the encoder sees every patch of every image in the batch at once, and
 * batch norm normalises each patch with statistics computed over all of them. The code of a target patch
 * then depends, through the batch mean and variance, on the other patches of its own image, including
 * the context rows. Information flows from the patches the model must predict into the features it
 * predicts from, bypassing the receptive-field constraint (Hénaff et al., CPC v2, §3). Layer norm uses
 * statistics of one patch only, so no such channel exists.
 */
export interface Norm {
  /**
   * x: [N, ..., C]. Returns the same shape. `slope`: a (leaky) ReLU after the norm, fused into it, with
   * this slope for negative inputs (0 = ReLU); none when omitted.
   */
  apply(x: tf.Tensor, training: boolean, slope?: number): tf.Tensor;
}

const EPSILON = 1e-5;
/** Weight of the old running statistics in each update. */
export const BATCH_NORM_MOMENTUM = 0.9;

export function createNorm(kind: NormKind, scope: ParamScope, channels: number): Norm {
  switch (kind) {
    case 'none':
      return { apply: (x, _, slope) => activate(x, slope) };
    case 'layer':
      return layerNorm(scope, channels);
    case 'batch':
      return batchNorm(scope, channels);
  }
}

/** Normalises each sample over all its features, then a per-channel gain and bias (GroupNorm with 1 group). */
function layerNorm(scope: ParamScope, channels: number): Norm {
  const gain = scope.add('ln_gain', [channels], ones);
  const bias = scope.add('ln_bias', [channels], zeros);
  return { apply: (x, _, slope) => layerNormOp(x, gain, bias, slope) };
}

/**
 * Layer norm: statistics over all but the sample axis. x: [N, ..., C]; gain, bias: [C]. On WebGPU four
 * WGSL kernels of ours (fusedLayerNorm.ts) instead of about 22 tf ops forward and back.
 */
export function layerNormOp(x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor, slope?: number): tf.Tensor {
  if (webGpuLayerNormReady()) return fusedLayerNorm(x, gain, bias, slope, webGpuLayerNorm);
  return normaliseOp(x, gain, bias, range(1, x.rank), undefined, slope);
}

/** A (leaky) ReLU with `slope` for negative inputs (0 = ReLU); x itself when slope is undefined. */
function activate(x: tf.Tensor, slope: number | undefined): tf.Tensor {
  if (slope === undefined) return x;
  return slope === 0 ? tf.relu(x) : tf.leakyRelu(x, slope);
}

/**
 * y = (x − mean) / sqrt(var + ε) · gain + bias with the statistics over `axes`, and its gradient
 * written out: the textbook backward, 11 kernels and 3 saved tensors. Against autodiff through
 * tf.moments it took CPC v2's step from 1,287 to 958 kernels and Keras CPC's from 1,260 to 1,085
 * (tf.profile, WASM; on a GPU each kernel is a dispatch).
 * With `slope`, a (leaky) ReLU follows inside the same op, its gradient dy ⊙ step(y, slope): 2 kernels
 * against tfjs' 6 for LeakyRelu (a tf.where with three broadcasts) or 3 for Relu.
 * x: [N, ..., C]; gain, bias: [C].
 */
export function normaliseOp(
  x: tf.Tensor,
  gain: tf.Tensor,
  bias: tf.Tensor,
  axes: number[],
  /** Sees the statistics (1 along `axes`) while they exist; for batch norm's running averages. */
  onStats?: (mean: tf.Tensor, variance: tf.Tensor) => void,
  slope?: number,
): tf.Tensor {
  const outer = range(0, x.rank - 1); // all but the channel axis
  const op = customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, g, b] = args as [tf.Tensor, tf.Tensor, tf.Tensor];
    const save = args[3] as tf.GradSaveFunc;
    // Activation-sized temporaries are disposed after their last read, as in the backward below: when
    // a whole set is embedded, this forward's temporaries were the pass's memory peak.
    const mean = tf.mean(input, axes, true); // 1 along `axes`
    const centred = tf.sub(input, mean); // [N, ..., C]
    const variance = consume(tf.square(centred), (sq) => tf.mean(sq, axes, true));
    onStats?.(mean, variance);
    const inv = tf.rsqrt(tf.add(variance, EPSILON));
    const normed = consume(centred, (c) => tf.mul(c, inv)); // [N, ..., C]
    const affine = consume(tf.mul(normed, g), (t) => tf.add(t, b)); // [N, ..., C]
    const out = activate(affine, slope); // [N, ..., C]
    if (out !== affine) affine.dispose();
    save(slope === undefined ? [normed, inv, g] : [normed, inv, g, out]);
    return {
      value: out,
      gradFunc: (dOut: tf.Tensor, saved: tf.Tensor[]) => {
        // dx = (dx̂ − mean(dx̂) − x̂ · mean(dx̂ · x̂)) · s with dx̂ = dy · g. Each activation-sized tensor,
        // the saved ones included, is disposed once read for the last time: at most four are alive
        // instead of twelve, and at the first layer of a 64 px colour batch they were the step's memory
        // peak. (The wrapper would dispose the saved ones only when this returns.)
        const [xhat, s, gs, act] = saved;
        // Through the activation: slope where its output is ≤ 0 (the input was), else 1.
        const dy = act ? reluGrad(dOut, act, slope ?? 0) : dOut; // [N, ..., C]
        act?.dispose();
        const dGain = consume(tf.mul(dy, xhat), (t) => tf.sum(t, outer)); // [C]
        const dBias = tf.sum(dy, outer); // [C]
        const dxhat = tf.mul(dy, gs); // [N, ..., C]
        if (dy !== dOut) dy.dispose();
        const projection = consume(tf.mul(dxhat, xhat), (t) => tf.mean(t, axes, true)); // 1 along `axes`
        const centred = consume(dxhat, (t) => tf.sub(t, tf.mean(t, axes, true))); // [N, ..., C]
        const along = consume(xhat, (x) => tf.mul(x, projection)); // [N, ..., C]
        const dx = consume(
          consume(centred, (c) => tf.sub(c, along)),
          (d) => tf.mul(d, s),
        ); // [N, ..., C]
        along.dispose();
        return [dx, dGain, dBias];
      },
    };
  });
  return op(x, gain, bias);
}

/** Per-channel statistics over the batch (and space); running averages at evaluation time. */
function batchNorm(scope: ParamScope, channels: number): Norm {
  const gain = scope.add('bn_gain', [channels], ones);
  const bias = scope.add('bn_bias', [channels], zeros);
  const runningMean = scope.add('bn_mean', [channels], zeros, { trainable: false });
  const runningVar = scope.add('bn_var', [channels], ones, { trainable: false });
  return {
    apply: (x, training, slope) => {
      if (training) {
        // Deferred: the step may yet be rejected (NaN), and then the statistics must stay as they were.
        const update = (running: tf.Tensor, batch: tf.Tensor) =>
          tf.add(
            tf.mul(running, BATCH_NORM_MOMENTUM),
            tf.mul(tf.reshape(batch, [channels]), 1 - BATCH_NORM_MOMENTUM),
          );
        const onStats = (mean: tf.Tensor, variance: tf.Tensor) => {
          scope.deferAssign(runningMean, update(runningMean, mean));
          scope.deferAssign(runningVar, update(runningVar, variance));
        };
        return normaliseOp(x, gain, bias, range(0, x.rank - 1), onStats, slope);
      }
      const normed = tf.mul(tf.sub(x, runningMean), tf.rsqrt(tf.add(runningVar, EPSILON))); // [N, ..., C]
      return activate(tf.add(tf.mul(normed, gain), bias), slope);
    },
  };
}

/** f(t), then t disposed: for a temporary read once more. */
function consume<T>(t: tf.Tensor, f: (t: tf.Tensor) => T): T {
  const result = f(t);
  t.dispose();
  return result;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}
