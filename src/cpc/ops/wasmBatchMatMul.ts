import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * tfjs-wasm 4.22 multiplies a single matrix pair with XNNPACK's packed SIMD kernels, but a batch of
 * them ([B, M, K] @ [B, K, N], B > 1) with a plain loop that is 5–12× slower per matrix: measured
 * here, [576, 576] @ [576, 64] takes 1.3 ms alone and 62 ms as a batch of 4. Every batched product of
 * the model (one weight set per direction, the GRU over all directions at once, CPC v2's masked
 * convolution) takes that slow path. The replacement copies each pair out, multiplies it on the fast
 * path, and copies the product into place: still one BatchMatMul kernel for the engine, same values up
 * to float summation order. Call once, after importing the wasm backend (which registers the original).
 */
export function installWasmBatchMatMul(): void {
  const original = tf.getKernel(tf.BatchMatMul, 'wasm');
  if (!original || perMatrixKernels.has(original.kernelFunc)) return;
  const kernelFunc = perMatrix(original.kernelFunc);
  perMatrixKernels.add(kernelFunc);
  tf.unregisterKernel(tf.BatchMatMul, 'wasm');
  tf.registerKernel({ ...original, kernelFunc });
}

const perMatrixKernels = new WeakSet<tf.KernelFunc>();

function perMatrix(batchMatMul: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    const outerA = a.shape.slice(0, -2);
    const outerB = b.shape.slice(0, -2);
    const batchA = product(outerA);
    const batchB = product(outerB);
    const batch = Math.max(batchA, batchB);
    // Only plain batches (equal outer shapes, or one side a single matrix); anything else as before.
    const plain = sameShape(outerA, outerB) || batchA === 1 || batchB === 1;
    if (batch <= 1 || !plain || a.dtype !== 'float32' || b.dtype !== 'float32') return batchMatMul(args);
    const backend = args.backend as BackendWasm;
    const [rowsA, colsA] = a.shape.slice(-2);
    const [rowsB, colsB] = b.shape.slice(-2);
    const m = transposeA ? colsA : rowsA;
    const n = transposeB ? rowsB : colsB;
    const outer = batchA === 1 ? outerB : outerA;
    const out = backend.makeOutput([...outer, m, n], 'float32');
    const one = (t: tf.TensorInfo, count: number, i: number, rows: number, cols: number) => {
      if (count === 1) return { info: t, owned: false };
      const info = backend.makeOutput([rows, cols], 'float32');
      // Views are taken after makeOutput: growing the wasm heap detaches older ones.
      backend
        .typedArrayFromHeap(info)
        .set(backend.typedArrayFromHeap(t).subarray(i * rows * cols, (i + 1) * rows * cols));
      return { info, owned: true };
    };
    for (let i = 0; i < batch; i++) {
      const ai = one(a, batchA, i, rowsA, colsA); // [rowsA, colsA]
      const bi = one(b, batchB, i, rowsB, colsB); // [rowsB, colsB]
      const yi = batchMatMul({ ...args, inputs: { a: ai.info, b: bi.info } }) as tf.TensorInfo; // [m, n]
      backend.typedArrayFromHeap(out).set(backend.typedArrayFromHeap(yi), i * m * n);
      backend.disposeData(yi.dataId);
      if (ai.owned) backend.disposeData(ai.info.dataId);
      if (bi.owned) backend.disposeData(bi.info.dataId);
    }
    return out;
  };
}

function product(shape: number[]): number {
  return shape.reduce((p, d) => p * d, 1);
}

function sameShape(x: number[], y: number[]): boolean {
  return x.length === y.length && x.every((d, i) => d === y[i]);
}
