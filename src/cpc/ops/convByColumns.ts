import * as tf from '@tensorflow/tfjs';
import { convGeometry, type Padding } from './convGeometry';
import { customGrad } from './customGrad';
import { columnsShape } from './webgpu/columnsGeometry';
import type { ColumnOps } from './webgpu/columnsKernels';

/**
 * Output pixels per image up to which a convolution runs in column form on WebGPU. tfjs-webgpu's conv
 * (Conv2DMMProgram) tiles each image's output pixels on their own, 32 rows to a tile, so an image with
 * a 2×2 output fills 4 rows of 32 and a 4×4 output 16; its filter gradient is one invocation per
 * weight looping over the whole batch. Every preset's encoder works on 8 px patches: 8×8 (CPC v2's
 * ResNet), 4×4, 2×2 and 1×1 outputs. In column form all N·Ho·Wo output pixels are the rows of one
 * matrix product. CPC v2's 8×8 layers took tfjs' forward and input gradient until our own products
 * (webgpu/matMulProgram.ts) made their products faster on SwiftShader: 9.3 → 5.7 s per step.
 */
const COLUMN_FORM_UP_TO = 64;

/** Whether conv2d runs in column form on WebGPU for these shapes (NHWC, no dilation). */
export function columnForm(
  xShape: readonly number[],
  wShape: readonly number[],
  stride: number,
  padding: Padding,
): boolean {
  const g = convGeometry(xShape, wShape, stride, padding);
  return g.ho * g.wo <= COLUMN_FORM_UP_TO;
}

/**
 * x [N, H, W, Cin] * w [kh, kw, Cin, Cout] → [N, Ho, Wo, Cout] as columns · weights:
 *   forward   y  = cols [M, K] · w [K, Cout],              M = N·Ho·Wo, K = kh·kw·Cin
 *   filter    dw = colsᵀ · dy [M, Cout]
 *   input     dx = col2im(dy · wᵀ [M, K])
 * Three matrix products and two column kernels, where tfjs' own conv and its gradients would be three
 * convolution programs. With `inputIsData` x is not an input of the op at all, so no gradient is asked
 * of it. (Adding the bias inside the forward product, tf.fused.matMul, was tried: no faster on
 * SwiftShader, and 4 more kernels per default step counting reshapes.)
 */
export function convByColumns(
  x: tf.Tensor4D,
  w: tf.Tensor4D,
  stride: number,
  padding: Padding,
  ops: ColumnOps,
  { inputIsData = false }: { inputIsData?: boolean } = {},
): tf.Tensor4D {
  const g = convGeometry(x.shape, w.shape, stride, padding);
  const [m, k] = columnsShape(g);
  const cout = w.shape[3];
  const { inputs, unpack } = convInputs(x, w, inputIsData);
  const op = customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const { input, filter, save } = unpack(args);
    const cols = ops.im2col(input, g); // [M, K]
    save([cols, filter]); // the columns, not the input: the filter gradient reads them as they are
    const y = tf.matMul(cols, tf.reshape(filter, [k, cout])); // [M, Cout]
    return {
      value: tf.reshape(y, [g.n, g.ho, g.wo, cout]) as tf.Tensor4D,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [savedCols, savedFilter] = saved as [tf.Tensor2D, tf.Tensor4D];
        const dy2 = tf.reshape(dy, [m, cout]); // [M, Cout]
        const dw = tf.reshape(tf.matMul(savedCols, dy2, true, false), savedFilter.shape); // [kh, kw, Cin, Cout]
        if (inputIsData) return [dw];
        const dCols = tf.matMul(dy2, tf.reshape(savedFilter, [k, cout]), false, true); // [M, K]
        return [dw, ops.col2im(dCols as tf.Tensor2D, g)]; // [N, H, W, Cin]
      },
    };
  });
  return op(...inputs) as tf.Tensor4D;
}

/**
 * A conv op's inputs for customGrad: the filter, and x unless it is data (then no gradient is asked of
 * it); `unpack` gives them back inside the op, with tfjs' save function after them.
 */
function convInputs(x: tf.Tensor4D, w: tf.Tensor4D, inputIsData: boolean) {
  const inputs: tf.Tensor[] = inputIsData ? [w] : [w, x];
  const unpack = (args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    filter: args[0] as tf.Tensor4D,
    input: inputIsData ? x : (args[1] as tf.Tensor4D),
    save: args[inputs.length] as tf.GradSaveFunc,
  });
  return { inputs, unpack };
}
