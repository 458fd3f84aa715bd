import { checkColumnConv } from '../cpc/ops/webgpu/columnsCheck';
import { setColumnForm, webGpuColumns } from '../cpc/ops/webgpu/columnsKernels';

/**
 * Checks the column-form convolution's WGSL kernels against tfjs' own convolutions on this device
 * (columnsCheck.ts), inside an error scope: a kernel that fails to compile here, or numbers that
 * disagree, switch the column form off and training runs on tfjs' convolutions. Returns the line the
 * page shows beside the backend.
 */
export async function verifyColumnConv(device: GPUDevice): Promise<string> {
  device.pushErrorScope('validation');
  let problem: string | null = null;
  let maxError = NaN;
  try {
    const check = await checkColumnConv(webGpuColumns);
    maxError = check.maxError;
    if (!check.ok) problem = `they disagreed with tfjs' by up to ${maxError.toExponential(1)}`;
  } catch (err) {
    problem = `they failed: ${err instanceof Error ? err.message : String(err)}`;
  }
  const gpuError = await device.popErrorScope();
  if (gpuError) problem = `WebGPU refused them: ${gpuError.message}`;
  setColumnForm(problem === null);
  return problem === null
    ? `column-form convolutions checked on this device (max error ${maxError.toExponential(1)})`
    : `tfjs' own convolutions: column form off, ${problem}`;
}
