export type Padding = 'same' | 'valid';

/**
 * Where a 2-D convolution's input pixels meet its kernel taps, for the column form of the convolution:
 * x [N, H, W, Cin] ↦ columns [N·Ho·Wo, kh·kw·Cin], row (n, oy, ox), column (ky, kx, ci), holding
 * x[n, oy·s − top + ky, ox·s − left + kx, ci] or 0 in the padding. NHWC, no dilation.
 */
export interface ColumnsGeometry {
  n: number;
  h: number;
  w: number;
  cin: number;
  kh: number;
  kw: number;
  stride: number;
  /** Padding rows above and columns left of the input (tf.conv2d's 'same' split; 0 for 'valid'). */
  top: number;
  left: number;
  ho: number;
  wo: number;
}

/** Output side of a convolution, as tf.conv2d computes it. */
export function convOutputSize(size: number, kernel: number, stride: number, padding: Padding): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - kernel) / stride) + 1;
}

/** TensorFlow's padding split: for 'same', the extra pixel goes to the bottom/right. */
export function samePadding(
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

/** A convolution's geometry, x [N, H, W, Cin] by w [kh, kw, Cin, Cout], as the column form reads it. */
export function convGeometry(
  xShape: readonly number[],
  wShape: readonly number[],
  stride: number,
  padding: Padding,
): ColumnsGeometry {
  const [n, h, w, cin] = xShape;
  const [kh, kw] = wShape;
  const ho = convOutputSize(h, kh, stride, padding);
  const wo = convOutputSize(w, kw, stride, padding);
  const [top] = samePadding(h, ho, kh, stride, padding);
  const [left] = samePadding(w, wo, kw, stride, padding);
  return { n, h, w, cin, kh, kw, stride, top, left, ho, wo };
}
