import * as tf from '@tensorflow/tfjs';
import type { WebGpuProgram } from './columnsPrograms';

/** The one method of tfjs-webgpu's backend our kernels use. */
interface ProgramRunner {
  runWebGPUProgram(program: WebGpuProgram, inputs: tf.TensorInfo[], dtype: tf.DataType): tf.TensorInfo;
}

/**
 * Registers `kernelName` on the webgpu backend (once) as the program `make(attrs)`, its inputs bound by
 * the program's `variableNames`. Run it with tf.engine().runKernel(kernelName, inputs, attrs).
 */
export function registerWebGpuKernel(
  kernelName: string,
  make: (attrs: Record<string, unknown>) => WebGpuProgram,
): void {
  if (tf.getKernel(kernelName, 'webgpu')) return;
  tf.registerKernel({
    kernelName,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const program = make((attrs ?? {}) as Record<string, unknown>);
      const named = inputs as Record<string, tf.TensorInfo>;
      const bound = program.variableNames.map((name) => {
        const input = named[name];
        if (!input) throw new Error(`${kernelName}: no input '${name}'`);
        return input;
      });
      return (backend as unknown as ProgramRunner).runWebGPUProgram(program, bound, 'float32');
    },
  });
}

/**
 * The switch of a family of our kernels, which the device check turns off when they are wrong on this
 * device (src/worker/webgpuOwnKernels.ts). `ready`: on, the active backend webgpu, and `kernelName`
 * registered there.
 */
export function kernelSwitch(kernelName: string): { set: (on: boolean) => void; ready: () => boolean } {
  let on = true;
  return {
    set: (value) => {
      on = value;
    },
    ready: () => on && tf.getBackend() === 'webgpu' && tf.getKernel(kernelName, 'webgpu') !== undefined,
  };
}
