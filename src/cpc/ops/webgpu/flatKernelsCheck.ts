import * as tf from '@tensorflow/tfjs';
import { compareOnDevice, type KernelCheck } from './deviceCheck';

/**
 * Each case of flatKernels.ts on small random tensors: the four ops with a vector either side (its
 * length a multiple of 4 and not, of rank 1 and 4), transposes of rank 2 and 4 (float32 and int32),
 * sums, maxima and means over leading axes (one pass, and three: 5,000 rows → 79 → 2 → 1), over trailing
 * axes, and keeping dimensions.
 */
function cases(x: (shape: number[]) => tf.Tensor): tf.Tensor[] {
  const ints = tf.cast(tf.mul(x([3, 5]), 100), 'int32');
  return [
    tf.add(x([2, 3, 8]), x([8])),
    tf.add(x([5]), x([4, 5])),
    tf.sub(x([1, 1, 8]), x([2, 3, 8])),
    tf.sub(x([4, 5]), x([5])),
    tf.mul(x([2, 3, 4, 8]), x([1, 1, 1, 8])),
    tf.div(x([4, 6]), tf.add(tf.abs(x([4, 6])), 1)), // same shapes: tfjs' kernel, both sides
    tf.div(x([3, 6]), tf.add(tf.abs(x([6])), 1)),
    tf.div(tf.add(tf.abs(x([1, 7])), 1), x([3, 7])),
    tf.transpose(x([3, 5]), [1, 0]),
    tf.transpose(x([2, 3, 4, 5]), [0, 3, 1, 2]),
    tf.cast(tf.transpose(ints, [1, 0]), 'float32'),
    tf.sum(x([3, 70, 8]), [0, 1]),
    tf.sum(x([5000, 2]), 0),
    tf.sum(x([3, 70, 8]), [0, 1], true),
    tf.sum(x([6, 9]), -1),
    tf.max(x([6, 9]), 1, true),
    tf.max(x([130, 3]), 0),
    tf.mean(x([5000, 1]), 0),
    tf.mean(x([3, 70, 8]), [0, 1], true),
    tf.mean(x([6, 9]), 1),
  ];
}

/**
 * Our kernels (`useOurs(true)`) against tfjs' own (`useOurs(false)`) on the active backend. The training
 * worker runs this once per WebGPU device and keeps tfjs' kernels when it fails.
 */
export async function checkFlatKernels(useOurs: (on: boolean) => void): Promise<KernelCheck> {
  try {
    return await compareOnDevice(() => {
      // Seeded: the same random tensor for the same place in both runs.
      let seed = 3;
      const x = (shape: number[]) => tf.randomNormal(shape, 0, 1, 'float32', seed++);
      useOurs(true);
      const ours = cases(x);
      seed = 3;
      useOurs(false);
      const theirs = cases(x);
      return ours.map((t, i) => [t, theirs[i]] as [tf.Tensor, tf.Tensor]);
    });
  } finally {
    useOurs(true);
  }
}
