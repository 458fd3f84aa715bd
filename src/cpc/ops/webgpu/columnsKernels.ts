import * as tf from '@tensorflow/tfjs';
import type { ColumnsGeometry } from '../convGeometry';
import { geometryAttrs, geometryFromAttrs } from './columnsGeometry';
import { col2imProgram, im2colProgram } from './columnsPrograms';
import { kernelSwitch, registerWebGpuKernel } from './webgpuKernel';

export const IM2COL = 'CpcIm2Col';
export const COL2IM = 'CpcCol2Im';

/** im2col and its adjoint, as tensors (convByColumns.ts builds a convolution on them). */
export interface ColumnOps {
  /** x [N, H, W, Cin] → columns [N·Ho·Wo, kh·kw·Cin] (columnsGeometry.ts). */
  im2col(x: tf.Tensor4D, g: ColumnsGeometry): tf.Tensor2D;
  /** columns [N·Ho·Wo, kh·kw·Cin] → [N, H, W, Cin]: each pixel the sum of the entries that read it. */
  col2im(columns: tf.Tensor2D, g: ColumnsGeometry): tf.Tensor4D;
}

/**
 * Registers im2col and col2im as WGSL kernels of the webgpu backend (once). Call after importing the
 * backend; the training worker and the WebGPU bench do.
 */
export function installWebGpuColumns(): void {
  registerWebGpuKernel(IM2COL, (attrs) => im2colProgram(geometryFromAttrs(attrs)));
  registerWebGpuKernel(COL2IM, (attrs) => col2imProgram(geometryFromAttrs(attrs)));
}

const columnForm = kernelSwitch(IM2COL);
/** Off once columnsCheck.ts found the kernels wrong on this device; tfjs' own convolutions then run. */
export const setColumnForm = columnForm.set;
/** Whether the active backend is webgpu, with the column kernels installed and not switched off. */
export const webGpuColumnsReady = columnForm.ready;

/** The column kernels on the active backend (webgpu; see webGpuColumnsReady). */
export const webGpuColumns: ColumnOps = {
  im2col: (x, g) =>
    tf.engine().runKernel(IM2COL, { src: x }, geometryAttrs(g) as unknown as tf.NamedAttrMap) as tf.Tensor2D,
  col2im: (columns, g) =>
    tf
      .engine()
      .runKernel(COL2IM, { src: columns }, geometryAttrs(g) as unknown as tf.NamedAttrMap) as tf.Tensor4D,
};
