import * as tf from '@tensorflow/tfjs';
import type { ColumnsGeometry } from '../ops/convGeometry';
import type { ColumnOps } from '../ops/webgpu/columnsKernels';

/**
 * im2col and col2im on any backend, from a table of which input value each column entry reads (built
 * by plain loops): im2col gathers by it, col2im sums into it. The definition the WGSL kernels
 * (columnsPrograms.ts) follow, for tests in Node. A padding entry reads an extra zero past the input.
 */
export const referenceColumns: ColumnOps = {
  im2col: (x, g) =>
    tf.tidy(() => {
      const flat = tf.concat([tf.reshape(x, [-1]), tf.zeros([1])]); // [N·H·W·Cin + 1], the zero last
      return tf.reshape(tf.gather(flat, sources(g)), [g.n * g.ho * g.wo, g.kh * g.kw * g.cin]);
    }),
  col2im: (columns, g) =>
    tf.tidy(() => {
      const size = g.n * g.h * g.w * g.cin;
      const sums = tf.unsortedSegmentSum(tf.reshape(columns, [-1]), sources(g), size + 1); // the padding's last
      return tf.reshape(tf.slice(sums, [0], [size]), [g.n, g.h, g.w, g.cin]);
    }),
};

/** For each column entry in order, the flat index in x it reads; N·H·W·Cin in the padding. */
function sources(g: ColumnsGeometry): tf.Tensor1D {
  const at: number[] = [];
  const padding = g.n * g.h * g.w * g.cin;
  forEachTap(g, (_row, _col, index) => at.push(index < 0 ? padding : index));
  return tf.tensor1d(at, 'int32');
}

/** Calls `visit` for every column entry (row, col) with the flat index in x it reads, or −1 in the padding. */
function forEachTap(g: ColumnsGeometry, visit: (row: number, col: number, at: number) => void): void {
  for (let n = 0; n < g.n; n++)
    for (let oy = 0; oy < g.ho; oy++)
      for (let ox = 0; ox < g.wo; ox++) {
        const row = (n * g.ho + oy) * g.wo + ox;
        for (let ky = 0; ky < g.kh; ky++)
          for (let kx = 0; kx < g.kw; kx++)
            for (let ci = 0; ci < g.cin; ci++) {
              const [iy, ix] = [oy * g.stride - g.top + ky, ox * g.stride - g.left + kx];
              const inside = iy >= 0 && iy < g.h && ix >= 0 && ix < g.w;
              visit(
                row,
                (ky * g.kw + kx) * g.cin + ci,
                inside ? ((n * g.h + iy) * g.w + ix) * g.cin + ci : -1,
              );
            }
      }
}
