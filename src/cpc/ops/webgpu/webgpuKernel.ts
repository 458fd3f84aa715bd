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

/** Runs one of our programs on the webgpu backend, its output `dtype` (float32 when absent). */
export type RunProgram = (
  program: WebGpuProgram,
  inputs: tf.TensorInfo[],
  dtype?: tf.DataType,
) => tf.TensorInfo;

/** Kernel functions of ours, so that a second install does not wrap the first. */
const overrides = new WeakSet<tf.KernelFunc>();

/**
 * Replaces tfjs-webgpu's `kernelName` with `ours`, which returns its output or null for a case it leaves
 * to tfjs' original kernel (called then, and while `on()` is false). The engine, the tape and tf.profile
 * see the same kernel name. `dispose` frees an intermediate of ours. Call once, after importing the
 * webgpu backend (which registers the original).
 */
export function overrideWebGpuKernel(
  kernelName: string,
  on: () => boolean,
  ours: (
    args: { inputs: Record<string, tf.TensorInfo>; attrs: Record<string, unknown> },
    run: RunProgram,
    dispose: (t: tf.TensorInfo) => void,
  ) => tf.TensorInfo | null,
): void {
  const original = tf.getKernel(kernelName, 'webgpu');
  if (!original || overrides.has(original.kernelFunc)) return;
  const kernelFunc: tf.KernelFunc = (args) => {
    const runner = args.backend as unknown as ProgramRunner & { disposeData(id: object): void };
    const run: RunProgram = (program, inputs, dtype = 'float32') =>
      runner.runWebGPUProgram(program, inputs, dtype);
    const named = {
      inputs: args.inputs as Record<string, tf.TensorInfo>,
      attrs: (args.attrs ?? {}) as Record<string, unknown>,
    };
    const out = on() ? ours(named, run, (t) => runner.disposeData(t.dataId)) : null;
    return out ?? original.kernelFunc(args);
  };
  overrides.add(kernelFunc);
  tf.unregisterKernel(kernelName, 'webgpu');
  tf.registerKernel({ ...original, kernelFunc });
}
