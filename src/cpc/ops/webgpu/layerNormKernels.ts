import * as tf from '@tensorflow/tfjs';
import {
  layerNormApplyProgram,
  layerNormBackChannelProgram,
  layerNormBackDxProgram,
  layerNormStatsProgram,
  type LayerNormShape,
} from './layerNormPrograms';
import { kernelSwitch, registerWebGpuKernel } from './webgpuKernel';

const STATS = 'CpcLayerNormStats';
const APPLY = 'CpcLayerNormApply';
const BACK_DX = 'CpcLayerNormBackDx';
const BACK_CHANNEL = 'CpcLayerNormBackChannel';

/** What the backward kernels read: the saved input and statistics, the gain and the bias. */
export interface LayerNormSaved {
  x: tf.Tensor2D;
  stats: tf.Tensor2D;
  gain: tf.Tensor;
  bias: tf.Tensor;
}

/** The fused layer norm's four steps as tensors (src/cpc/nn/fusedLayerNorm.ts builds the op on them). */
export interface LayerNormOps {
  /** x [N, F] → [N, 2]: mean and 1/sqrt(variance + ε) of each sample. */
  stats(x: tf.Tensor2D, s: LayerNormShape): tf.Tensor2D;
  /** → [N, F]: act(x̂ · gain + bias). */
  apply(x: tf.Tensor2D, stats: tf.Tensor2D, gain: tf.Tensor, bias: tf.Tensor, s: LayerNormShape): tf.Tensor2D;
  /** dOut [N, F] → dx [N, F]. */
  backDx(dOut: tf.Tensor2D, saved: LayerNormSaved, s: LayerNormShape): tf.Tensor2D;
  /** dOut [N, F] → [chunks, 2, C]: partial sums of dy · x̂ (gain) and dy (bias) over the rows. */
  backChannel(dOut: tf.Tensor2D, saved: LayerNormSaved, s: LayerNormShape): tf.Tensor3D;
}

function shapeFromAttrs(attrs: Record<string, unknown>): LayerNormShape {
  const { n, f, c, slope } = attrs as { n: number; f: number; c: number; slope: number };
  // tfjs attributes are numbers: NaN stands for "no activation".
  return { n, f, c, slope: Number.isNaN(slope) ? null : slope };
}

const attrsOf = (s: LayerNormShape) =>
  ({ n: s.n, f: s.f, c: s.c, slope: s.slope ?? NaN }) as unknown as tf.NamedAttrMap;

/** Registers the four programs on the webgpu backend (once). */
export function installWebGpuLayerNorm(): void {
  registerWebGpuKernel(STATS, (a) => layerNormStatsProgram(shapeFromAttrs(a)));
  registerWebGpuKernel(APPLY, (a) => layerNormApplyProgram(shapeFromAttrs(a)));
  registerWebGpuKernel(BACK_DX, (a) => layerNormBackDxProgram(shapeFromAttrs(a)));
  registerWebGpuKernel(BACK_CHANNEL, (a) => layerNormBackChannelProgram(shapeFromAttrs(a)));
}

const fusedLayerNorm = kernelSwitch(STATS);
/** Off once the device check found the kernels wrong on this device; layer norm then runs as tf ops. */
export const setFusedLayerNorm = fusedLayerNorm.set;
/** Whether the active backend is webgpu, with the layer-norm kernels installed and not switched off. */
export const webGpuLayerNormReady = fusedLayerNorm.ready;

const run = <T extends tf.Tensor>(name: string, inputs: tf.NamedTensorMap, s: LayerNormShape) =>
  tf.engine().runKernel(name, inputs, attrsOf(s)) as T;

/** The four steps as the WGSL kernels (see webGpuLayerNormReady). */
export const webGpuLayerNorm: LayerNormOps = {
  stats: (x, s) => run(STATS, { x }, s),
  apply: (x, stats, gain, bias, s) => run(APPLY, { x, stats, gain, bias }, s),
  backDx: (dOut, saved, s) => run(BACK_DX, { dOut, ...saved }, s),
  backChannel: (dOut, saved, s) => run(BACK_CHANNEL, { dOut, ...saved }, s),
};
