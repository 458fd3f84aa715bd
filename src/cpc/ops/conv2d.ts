import * as tf from '@tensorflow/tfjs';
import { columnForm, convByColumns } from './convByColumns';
import { convOutputSize, samePadding, type Padding } from './convGeometry';
import { customGrad } from './customGrad';
import { matMul } from './matMul';
import { webGpuColumns, webGpuColumnsReady } from './webgpu/columnsKernels';

export type { Padding } from './convGeometry';

/**
 * 2-D convolution that trains on every backend: x [N, H, W, Cin] * w [k, k, Cin, Cout] → [N, Ho, Wo, Cout].
 * - WASM: tfjs-wasm has no Conv2DBackpropFilter kernel and a slow loop for Conv2DBackpropInput; there
 *   both gradients are forward convolutions themselves, so the forward pass and both gradients run on
 *   WASM's native (XNNPACK) kernels (conv2dWasmSafe).
 * - WebGPU: outputs of up to 64 pixels per image (8×8) in column form (convByColumns.ts), a one-pixel
 *   output as one matrix product over the taps that meet the input.
 * - Otherwise tf.conv2d. ops.test.ts and convByColumns.test.ts check each against it.
 *
 * `inputIsData`: x is data, not a function of any weight (the encoder's first layer), so its gradient is
 * not computed (tfjs skips it by itself on the other backends).
 */
export function conv2d(
  x: tf.Tensor4D,
  w: tf.Tensor4D,
  stride: number,
  padding: Padding,
  options: { inputIsData?: boolean } = {},
): tf.Tensor4D {
  if (webGpuColumnsReady() && columnForm(x.shape, w.shape, stride, padding))
    return (
      onePixelConv(x, w, stride, padding) ?? convByColumns(x, w, stride, padding, webGpuColumns, options)
    );
  if (tf.getBackend() !== 'wasm') return tf.conv2d(x, w, stride, padding); // [N, Ho, Wo, Cout]
  return conv2dWasmSafe(x, w, stride, padding, options);
}

export function conv2dWasmSafe(
  x: tf.Tensor4D,
  w: tf.Tensor4D,
  stride: number,
  padding: Padding,
  { inputIsData = false }: { inputIsData?: boolean } = {},
): tf.Tensor4D {
  const onePixel = onePixelConv(x, w, stride, padding);
  if (onePixel) return onePixel;
  const op = customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, filter] = args as [tf.Tensor4D, tf.Tensor4D];
    const save = args[2] as tf.GradSaveFunc;
    save([input, filter]);
    return {
      value: tf.conv2d(input, filter, stride, padding), // [N, Ho, Wo, Cout]
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor4D, tf.Tensor4D];
        const dy4 = dy as tf.Tensor4D;
        // Each in its own tidy, the filter gradient first: it is the last to read the saved input, which
        // is then disposed, so the input gradient's phases and packs never meet the filter gradient's
        // padded and transposed copies, nor the input (together they were a 64 px colour step's peak).
        const dw = tf.tidy(() => filterGradient(xs, dy4, ws.shape, stride, padding));
        if (inputIsData) return [tf.zerosLike(xs), dw];
        const xShape = xs.shape;
        xs.dispose();
        return [tf.tidy(() => inputGradient(dy4, ws, xShape, stride, padding)), dw];
      },
    };
  });
  return op(x, w) as tf.Tensor4D;
}

/**
 * A convolution with a one-pixel output, as one matrix product over the kernel taps that meet the input:
 * x [N, H·W·Cin] · w[top : top + H, left : left + W] [H·W·Cin, Cout]. The taps that meet only padding
 * add zeros, forward and back, yet XNNPACK multiplies them: Keras CPC's last two layers (2×2 and 1×1
 * inputs, 3×3 taps) did 9 taps' work for 4 and for 1. Null when some input pixel meets no tap (valid
 * padding with input to spare), which the convolution handles.
 */
function onePixelConv(x: tf.Tensor4D, w: tf.Tensor4D, stride: number, padding: Padding): tf.Tensor4D | null {
  const [n, h, wid, cin] = x.shape;
  const [kh, kw, , cout] = w.shape;
  if (convOutputSize(h, kh, stride, padding) !== 1 || convOutputSize(wid, kw, stride, padding) !== 1)
    return null;
  const [top] = samePadding(h, 1, kh, stride, padding);
  const [left] = samePadding(wid, 1, kw, stride, padding);
  if (top + h > kh || left + wid > kw) return null;
  return tf.tidy(() => {
    const live = tf.slice(w, [top, left, 0, 0], [h, wid, cin, cout]); // [H, W, Cin, Cout]
    const y = matMul(tf.reshape(x, [n, h * wid * cin]), tf.reshape(live, [h * wid * cin, cout])); // [N, Cout]
    return tf.reshape(y, [n, 1, 1, cout]) as tf.Tensor4D;
  });
}

/**
 * dL/dx without tfjs-wasm's Conv2DBackpropInput (a plain loop there, about 20% of a default step). Input
 * rows split into `stride` phases by (y + top) mod stride; each phase only meets the kernel taps of the
 * same phase, so its gradient is a small stride-1 forward convolution of dy with that sub-kernel, rotated
 * by 180° and with its channels swapped. The phases are then interleaved back into [N, H, W, Cin]. All
 * the arithmetic runs on XNNPACK and no multiply meets an inserted zero. At stride 1 the one phase is the
 * whole gradient, computed for the input's rows only (not the padding's: 81 outputs for 64 at 8×8).
 */
function inputGradient(
  dy: tf.Tensor4D,
  w: tf.Tensor4D,
  xShape: [number, number, number, number],
  stride: number,
  padding: Padding,
): tf.Tensor4D {
  const [n, h, wid, cin] = xShape;
  const [kh, kw] = w.shape;
  const [, ho, wo] = dy.shape;
  const [top] = samePadding(h, ho, kh, stride, padding);
  const [left] = samePadding(wid, wo, kw, stride, padding);
  // The kernel rotated by 180° with its channels swapped, once for all phases.
  const rotated = tf.transpose(tf.reverse(w, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D; // [k, k, Cout, Cin]
  if (stride === 1) {
    // One phase, and no output rows for the padding: dx[p] = Σ_m dy[p + top − (k − 1) + m] · rotated[m].
    const padded = tf.pad(dy, [
      [0, 0],
      [kh - 1 - top, h - ho + top],
      [kw - 1 - left, wid - wo + left],
      [0, 0],
    ]); // [N, H + k − 1, W + k − 1, Cout]
    return tf.conv2d(padded, rotated, 1, 'valid'); // [N, H, W, Cin]
  }
  // Phase (ry, rx) holds padded-input rows q·s + ry, q < qy (and columns likewise).
  const qy = Math.ceil((h + top) / stride);
  const qx = Math.ceil((wid + left) / stride);
  // Each stage in its own tidy, so that the phases are gone once interleaved, and the rows once stacked.
  const rows: tf.Tensor4D[] = [];
  for (let ry = 0; ry < stride; ry++) {
    rows.push(
      tf.tidy(() => {
        const columns: tf.Tensor4D[] = [];
        for (let rx = 0; rx < stride; rx++)
          columns.push(phaseGradient(dy, rotated, ry, rx, stride, qy, qx, cin));
        const interleaved = tf.stack(columns, 3); // [N, qy, qx, s, Cin]
        return tf.reshape<tf.Rank.R4>(interleaved, [n, qy, qx * stride, cin]);
      }),
    );
  }
  const grid = tf.tidy(() => tf.reshape<tf.Rank.R4>(tf.stack(rows, 2), [n, qy * stride, qx * stride, cin])); // [N, qy·s, qx·s, Cin]
  tf.dispose(rows);
  if (top === 0 && left === 0 && qy * stride === h && qx * stride === wid) return grid; // nothing to crop
  const dx = tf.slice(grid, [0, top, left, 0], [n, h, wid, cin]); // [N, H, W, Cin]
  grid.dispose();
  return dx;
}

/**
 * Gradient at padded-input positions (q·s + ry, p·s + rx): Σ_{m,l} dy[q − m, p − l] · w[ry + m·s, rx + l·s].
 * `rotated` is w reversed along both spatial axes, channels swapped: [k, k, Cout, Cin].
 * Returns [N, qy, qx, Cin].
 */
function phaseGradient(
  dy: tf.Tensor4D,
  rotated: tf.Tensor4D,
  ry: number,
  rx: number,
  stride: number,
  qy: number,
  qx: number,
  cin: number,
): tf.Tensor4D {
  const [n, ho, wo, cout] = dy.shape;
  const [kh, kw] = rotated.shape;
  const my = Math.ceil((kh - ry) / stride); // taps of this phase, per axis
  const mx = Math.ceil((kw - rx) / stride);
  if (my <= 0 || mx <= 0) return tf.zeros([n, qy, qx, cin]);
  // Taps ry + m·s, m = my − 1 … 0, sit at kh − 1 − ry − m·s in the rotated kernel: stride s from there.
  const [y0, x0] = [kh - 1 - ry - (my - 1) * stride, kw - 1 - rx - (mx - 1) * stride];
  const kernel = tf.stridedSlice(
    rotated,
    [y0, x0, 0, 0],
    [kh - ry, kw - rx, cout, cin],
    [stride, stride, 1, 1],
  ) as tf.Tensor4D; // [my, mx, Cout, Cin]
  // Row q reads dy rows q − my + 1 … q: pad my − 1 in front and enough behind for qy outputs.
  const padded = tf.pad(dy, [
    [0, 0],
    [my - 1, Math.max(qy - ho, 0)],
    [mx - 1, Math.max(qx - wo, 0)],
    [0, 0],
  ]); // [N, ≥qy + my − 1, ≥qx + mx − 1, Cout]
  const out = tf.conv2d(padded, kernel, 1, 'valid'); // [N, ≥qy, ≥qx, Cin]
  return tf.slice(out, [0, 0, 0, 0], [n, qy, qx, cin]);
}

/** dL/dw for a convolution of x with stride `stride` and output gradient dy. */
function filterGradient(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  wShape: [number, number, number, number],
  stride: number,
  padding: Padding,
): tf.Tensor4D {
  const [kh, kw, cin, cout] = wShape;
  const [, h, wid] = x.shape;
  const [, ho, wo] = dy.shape;
  const [top, bottom] = samePadding(h, ho, kh, stride, padding);
  const [left, right] = samePadding(wid, wo, kw, stride, padding);
  const pad: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
  if (kh * kw * cin <= FEW_TAPS) return filterGradientByColumns(tf.pad(x, pad), dy, wShape, stride); // x padded: [N, H', W', Cin]
  // dW[i, j, c, o] = Σ_{n,y,x} xpad[n, y·s + i, x·s + j, c] · dy[n, y, x, o]: a forward convolution
  // of the input (channels as batch, batch as channels) with dy as a filter dilated by the stride,
  // which runs on WASM's fast native conv kernel. The convolution pads the input itself: a padded copy
  // beside the transposed one was the memory peak of a 64 px colour step.
  const channelsFirst = tf.transpose(x, [3, 1, 2, 0]); // [Cin, H, W, N]
  const dyFilter = tf.transpose(dy, [1, 2, 0, 3]); // [Ho, Wo, N, Cout]
  const full = tf.conv2d(channelsFirst, dyFilter, 1, pad, 'NHWC', stride); // [Cin, ≥k, ≥k, Cout]
  const taps = tf.slice(full, [0, 0, 0, 0], [cin, kh, kw, cout]); // [Cin, k, k, Cout]
  return tf.transpose(taps, [1, 2, 0, 3]); // [k, k, Cin, Cout]
}

/**
 * Filters with at most this many taps × input channels (a first layer on gray or RGB patches) take
 * their gradient as one matrix product over explicit columns. As a convolution it has a 3×3 output and
 * thousands of input channels: 23.5 ms for Keras CPC's first layer ([1152, 8, 8, 1], 64 filters,
 * stride 2) against 2.7 ms this way; CPC v2's first layer 20 → 5 ms; RGB 27 → 6.4 ms. With 32 input
 * channels the columns cost more than they save (51 → 84 ms), so wider layers stay convolutions.
 */
const FEW_TAPS = 27;

/**
 * dW[i, j, c, o] = Σ_{n,y,x} xpad[n, y·s + i, x·s + j, c] · dy[n, y, x, o], as colsᵀ · dy: the rows of
 * colsᵀ [k·k·Cin, N·Ho·Wo] are the input values each tap and channel meets, one strided slice each.
 */
function filterGradientByColumns(
  padded: tf.Tensor4D, // [N, H', W', Cin]
  dy: tf.Tensor4D, // [N, Ho, Wo, Cout]
  wShape: [number, number, number, number],
  stride: number,
): tf.Tensor4D {
  const [kh, kw, cin, cout] = wShape;
  const [n, ho, wo] = dy.shape;
  const channelsFirst = tf.transpose(padded, [3, 0, 1, 2]); // [Cin, N, H', W']
  const taps: tf.Tensor[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const end = [cin, n, i + (ho - 1) * stride + 1, j + (wo - 1) * stride + 1];
      taps.push(tf.stridedSlice(channelsFirst, [0, 0, i, j], end, [1, 1, stride, stride])); // [Cin, N, Ho, Wo]
    }
  }
  const colsT = tf.reshape(tf.stack(taps), [kh * kw * cin, n * ho * wo]); // [k·k·Cin, N·Ho·Wo]
  // As (dyᵀ · cols)ᵀ: XNNPACK packs the right-hand operand at every call, and cols [N·Ho·Wo, k·k·Cin]
  // is 7× smaller than dy [N·Ho·Wo, Cout]. Keras CPC's first layer: 6.7 → 3.5 ms, the transposes included.
  const dyT = tf.transpose(tf.reshape(dy, [n * ho * wo, cout])); // [Cout, N·Ho·Wo]
  const dwT = tf.matMul(dyT, tf.transpose(colsT)); // [Cout, k·k·Cin]
  return tf.reshape(tf.transpose(dwT), wShape);
}
