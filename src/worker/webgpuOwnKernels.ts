import { checkLayerNorm } from '../cpc/nn/layerNormCheck';
import { checkColumnConv } from '../cpc/ops/webgpu/columnsCheck';
import { setColumnForm, webGpuColumns } from '../cpc/ops/webgpu/columnsKernels';
import type { KernelCheck } from '../cpc/ops/webgpu/deviceCheck';
import { setFusedLayerNorm, webGpuLayerNorm } from '../cpc/ops/webgpu/layerNormKernels';
import { checkFlatKernels } from '../cpc/ops/webgpu/flatKernelsCheck';
import { setFlatKernels } from '../cpc/ops/webgpu/flatKernels';
import { checkMatMul } from '../cpc/ops/webgpu/matMulCheck';
import { setOwnMatMul } from '../cpc/ops/webgpu/matMulKernel';

/**
 * Our WGSL kernels, each with its check against tfjs' own ops and its switch. The products and the
 * flat kernels come first: the others (and tfjs' ops they are compared with) run through them, so a
 * fault there is found and switched off before it is blamed on the others.
 */
const OWN_KERNELS: readonly {
  name: string;
  check: () => Promise<KernelCheck>;
  use: (on: boolean) => void;
}[] = [
  { name: 'matrix products', check: () => checkMatMul(setOwnMatMul), use: setOwnMatMul },
  {
    name: 'bias adds, transposes and reductions',
    check: () => checkFlatKernels(setFlatKernels),
    use: setFlatKernels,
  },
  { name: 'column-form convolutions', check: () => checkColumnConv(webGpuColumns), use: setColumnForm },
  { name: 'fused layer norm', check: () => checkLayerNorm(webGpuLayerNorm), use: setFusedLayerNorm },
];

/** Whether each family passed its last device check, by name (absent: not checked yet). */
const passed = new Map<string, boolean>();

/**
 * Turns our kernels off, so that tfjs' own run, or back on where their device check passed: the A/B
 * of `npm run bench -- gpu --kernels own,tfjs`.
 */
export function useOwnKernels(on: boolean): void {
  for (const kernel of OWN_KERNELS) kernel.use(on && passed.get(kernel.name) !== false);
}

/** Each device's check, run once: `auto` starts the winning backend again after timing it. */
const checked = new WeakMap<GPUDevice, Promise<string>>();

/**
 * Checks each of our WGSL kernels against tfjs' own ops on this device (matMulCheck.ts,
 * flatKernelsCheck.ts, columnsCheck.ts, layerNormCheck.ts), each inside its own error scope: a kernel
 * that fails to compile here, or numbers that disagree, switch that kernel off and training runs on
 * tfjs' ops instead. Once per device; returns the line the page shows beside the backend.
 */
export function verifyOwnKernels(device: GPUDevice): Promise<string> {
  let check = checked.get(device);
  if (!check) {
    check = checkOnDevice(device);
    checked.set(device, check);
  }
  return check;
}

async function checkOnDevice(device: GPUDevice): Promise<string> {
  const notes: string[] = [];
  let maxError = 0;
  for (const kernel of OWN_KERNELS) {
    device.pushErrorScope('validation');
    let problem: string | null = null;
    try {
      const check = await kernel.check();
      maxError = Math.max(maxError, check.maxError);
      if (!check.ok) problem = `disagreed with tfjs' by up to ${check.maxError.toExponential(1)}`;
    } catch (err) {
      problem = `failed: ${err instanceof Error ? err.message : String(err)}`;
    }
    const gpuError = await device.popErrorScope();
    if (gpuError) problem = `refused by WebGPU: ${gpuError.message}`;
    passed.set(kernel.name, problem === null);
    kernel.use(problem === null);
    notes.push(problem === null ? `${kernel.name} checked` : `${kernel.name} off, ${problem}`);
  }
  return `own WGSL kernels on this device: ${notes.join(', ')} (max error ${maxError.toExponential(1)})`;
}
