import * as tf from '@tensorflow/tfjs';
import type { MemoryInfo } from '../protocol';

/** tfjs adds the GPU backends' own figures to tf.memory(): numBytesInGPU on webgl and webgpu. */
export function memoryInfo(): MemoryInfo {
  const memory = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: unknown };
  const { numTensors, numBytes, numBytesInGPU } = memory;
  return typeof numBytesInGPU === 'number'
    ? { numTensors, numBytes, numBytesInGPU }
    : { numTensors, numBytes };
}
