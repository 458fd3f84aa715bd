import * as tf from '@tensorflow/tfjs';
import { convGeometry, type Padding } from './convGeometry';
import { customGrad } from './customGrad';
import { columnsShape } from './webgpu/columnsGeometry';
import type { ColumnOps } from './webgpu/columnsKernels';

/**
 * Output pixels per image below which a convolution runs in column form on WebGPU. tfjs-webgpu's conv
 * (Conv2DMMProgram) tiles each image's output pixels on their own, 32 rows to a tile, so an image with
 * a 2×2 output fills 4 rows of 32 and a 4×4 output 16; its filter gradient is one invocation per
 * weight looping over the whole batch. Every preset's encoder works on 8 px patches: 8×8 (CPC v2's
 * ResNet), 4×4, 2×2 and 1×1 outputs. In column form all N·Ho·Wo output pixels are the rows of one
 * matrix product.
 */
const COLUMN_FORM_BELOW = 32;
/**
 * Up to this many output pixels per image, tfjs' own forward pass and input gradient are kept (they fill
 * their tiles) but the filter gradient is taken in column form: CPC v2's 8×8 layers. Their whole column
 * form was slower (its input gradient's product, 36,864×288, took 6.0 s on SwiftShader).
 */
const FILTER_COLUMNS_UP_TO = 64;

/** How conv2d runs on WebGPU for these shapes (NHWC, no dilation): all in column form, its filter gradient only, or tfjs'. */
export function columnUse(
  xShape: readonly number[],
  wShape: readonly number[],
  stride: number,
  padding: Padding,
): 'all' | 'filter-gradient' | null {
  const g = convGeometry(xShape, wShape, stride, padding);
  const pixels = g.ho * g.wo;
  if (pixels < COLUMN_FORM_BELOW) return 'all';
  return pixels <= FILTER_COLUMNS_UP_TO ? 'filter-gradient' : null;
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
 * tf.conv2d forward and tfjs' input gradient (tf.conv2dTranspose, its Conv2DBackpropInput), with the
 * filter gradient in column form: dw = im2col(x)ᵀ · dy, the columns made in the backward pass and
 * dropped after the one product. tfjs' Conv2DBackpropFilter is one invocation per weight, each looping
 * over every output pixel of the batch.
 */
export function convWithColumnFilterGradient(
  x: tf.Tensor4D,
  w: tf.Tensor4D,
  stride: number,
  padding: Padding,
  ops: ColumnOps,
  { inputIsData = false }: { inputIsData?: boolean } = {},
): tf.Tensor4D {
  const g = convGeometry(x.shape, w.shape, stride, padding);
  const [m] = columnsShape(g);
  const cout = w.shape[3];
  const { inputs, unpack } = convInputs(x, w, inputIsData);
  const op = customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const { input, filter, save } = unpack(args);
    save([input, filter]);
    return {
      value: tf.conv2d(input, filter, stride, padding), // [N, Ho, Wo, Cout]
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [savedInput, savedFilter] = saved as [tf.Tensor4D, tf.Tensor4D];
        const cols = ops.im2col(savedInput, g); // [M, K]
        const dw = tf.matMul(cols, tf.reshape(dy, [m, cout]), true, false); // [K, Cout]
        const grads = [tf.reshape(dw, savedFilter.shape)]; // [kh, kw, Cin, Cout]
        if (!inputIsData)
          grads.push(tf.conv2dTranspose(dy as tf.Tensor4D, savedFilter, savedInput.shape, stride, padding)); // [N, H, W, Cin]
        return grads;
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
