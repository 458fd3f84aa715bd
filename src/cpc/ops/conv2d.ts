import * as tf from '@tensorflow/tfjs';

export type Padding = 'same' | 'valid';

/**
 * 2-D convolution that trains on every backend: x [N, H, W, Cin] * w [k, k, Cin, Cout] → [N, Ho, Wo, Cout].
 * tfjs-wasm has no Conv2DBackpropFilter kernel; there the filter gradient is computed as im2col (one gather)
 * times the output gradient, while the forward pass and the input gradient use WASM's native
 * (XNNPACK) kernels. Other backends use tf.conv2d throughout. conv2d.test.ts checks both against each other.
 */
export function conv2d(x: tf.Tensor4D, w: tf.Tensor4D, stride: number, padding: Padding): tf.Tensor4D {
  if (tf.getBackend() !== 'wasm') return tf.conv2d(x, w, stride, padding); // [N, Ho, Wo, Cout]
  return conv2dIm2colGrad(x, w, stride, padding);
}

export function conv2dIm2colGrad(
  x: tf.Tensor4D,
  w: tf.Tensor4D,
  stride: number,
  padding: Padding,
): tf.Tensor4D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, filter] = args as [tf.Tensor4D, tf.Tensor4D];
    const save = args[2] as tf.GradSaveFunc;
    save([input, filter]);
    return {
      value: tf.conv2d(input, filter, stride, padding), // [N, Ho, Wo, Cout]
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
        const dy4 = dy as tf.Tensor4D;
        const dx = tf.conv2dTranspose(dy4, ws, xs.shape, stride, padding); // [N, H, W, Cin]
        return [dx, filterGradient(xs, dy4, ws.shape, stride, padding)];
      },
    };
  });
  return op(x, w) as tf.Tensor4D;
}

/** dL/dw = im2col(x)ᵀ · dy, with im2col as one gather from the padded input (WASM's strided slices are slow). */
function filterGradient(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  wShape: [number, number, number, number],
  stride: number,
  padding: Padding,
): tf.Tensor4D {
  const [kh, kw, cin, cout] = wShape;
  const [n, h, wid] = x.shape;
  const [, ho, wo] = dy.shape;
  const [top, bottom] = samePadding(h, ho, kh, stride, padding);
  const [left, right] = samePadding(wid, wo, kw, stride, padding);
  const padded = tf.pad(x, [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ]); // [N, H', W', Cin]
  const [, hp, wp] = padded.shape;
  const pixels = tf.reshape(padded, [n, hp * wp, cin]); // [N, H'·W', Cin]
  const index = tf.tensor1d(im2colIndex(wp, ho, wo, kh, kw, stride), 'int32'); // [Ho·Wo·k·k]
  const cols = tf.reshape(tf.gather(pixels, index, 1), [n * ho * wo, kh * kw * cin]); // [N·Ho·Wo, k·k·Cin]
  const grad = tf.matMul(tf.transpose(cols), tf.reshape(dy, [n * ho * wo, cout])); // [k·k·Cin, Cout]
  return tf.reshape(grad, wShape);
}

const indexCache = new Map<string, Int32Array>();

/** For output (oy, ox) and tap (i, j): the flat pixel (oy·s + i)·W' + ox·s + j of the padded input. */
export function im2colIndex(
  paddedWidth: number,
  ho: number,
  wo: number,
  kh: number,
  kw: number,
  stride: number,
): Int32Array {
  const key = [paddedWidth, ho, wo, kh, kw, stride].join(',');
  let index = indexCache.get(key);
  if (!index) {
    index = new Int32Array(ho * wo * kh * kw);
    let o = 0;
    for (let oy = 0; oy < ho; oy++)
      for (let ox = 0; ox < wo; ox++)
        for (let i = 0; i < kh; i++)
          for (let j = 0; j < kw; j++) index[o++] = (oy * stride + i) * paddedWidth + ox * stride + j;
    indexCache.set(key, index);
  }
  return index;
}

/** TensorFlow's padding split: for 'same', the extra pixel goes to the bottom/right. */
function samePadding(
  size: number,
  out: number,
  kernel: number,
  stride: number,
  padding: Padding,
): [number, number] {
  if (padding === 'valid') return [0, 0];
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}
