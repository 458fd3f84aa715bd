import { FILL } from './patchAugmentation';

/**
 * Source coordinates this close to a whole pixel are snapped to it. A right-angle rotation computes
 * cos(π/2) ≈ 6e-17; without the snap it would mix 1e-16 of a neighbour into every pixel instead of
 * moving pixels exactly.
 */
const SNAP = 1e-9;

/**
 * Writes all channels of src (one patch [P, P, C]) sampled bilinearly at (x, y) into dst at dstOffset.
 * Pixel centres sit at whole coordinates 0..P-1; taps outside the patch read FILL, so the border fades
 * into the fill instead of smearing edge pixels outwards.
 */
export function sampleBilinear(
  src: Float32Array,
  size: number,
  channels: number,
  x: number,
  y: number,
  dst: Float32Array,
  dstOffset: number,
): void {
  const sx = snap(x);
  const sy = snap(y);
  const x0 = Math.floor(sx);
  const y0 = Math.floor(sy);
  const fx = sx - x0;
  const fy = sy - y0;
  const w00 = (1 - fx) * (1 - fy);
  const w01 = fx * (1 - fy);
  const w10 = (1 - fx) * fy;
  const w11 = fx * fy;
  const left = x0 >= 0 && x0 < size;
  const right = x0 + 1 >= 0 && x0 + 1 < size;
  const top = y0 >= 0 && y0 < size;
  const bottom = y0 + 1 >= 0 && y0 + 1 < size;
  const i00 = (y0 * size + x0) * channels;
  const i10 = i00 + size * channels;
  for (let c = 0; c < channels; c++) {
    const v00 = top && left ? src[i00 + c] : FILL;
    const v01 = top && right ? src[i00 + channels + c] : FILL;
    const v10 = bottom && left ? src[i10 + c] : FILL;
    const v11 = bottom && right ? src[i10 + channels + c] : FILL;
    dst[dstOffset + c] = w00 * v00 + w01 * v01 + w10 * v10 + w11 * v11;
  }
}

function snap(v: number): number {
  const whole = Math.round(v);
  return Math.abs(v - whole) < SNAP ? whole : v;
}
