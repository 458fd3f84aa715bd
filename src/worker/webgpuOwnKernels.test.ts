import { describe, expect, it } from 'vitest';
import { useCpuBackend } from '../cpc/testing/tfTest';
import { verifyOwnKernels } from './webgpuOwnKernels';

useCpuBackend();

/**
 * A GPUDevice with only the error scopes the check uses; `refuse` is the validation error each scope
 * pops. On the cpu backend our products and flat kernels are tfjs' own, so their checks pass, and the
 * column and layer-norm kernels are not registered, so theirs fail.
 */
function fakeDevice(refuse: string | null = null): GPUDevice {
  return {
    pushErrorScope: () => {},
    popErrorScope: async () => (refuse ? ({ message: refuse } as GPUError) : null),
  } as unknown as GPUDevice;
}

describe('verifyOwnKernels: the check of our WGSL kernels on a device', () => {
  it('names each family, checked or off with why, and the largest error', async () => {
    const line = await verifyOwnKernels(fakeDevice());
    expect(line).toMatch(/^own WGSL kernels on this device: matrix products checked, /);
    expect(line).toContain('bias adds, transposes and reductions checked');
    expect(line).toMatch(/column-form convolutions off, failed: .*CpcIm2Col/);
    expect(line).toMatch(/fused layer norm off, failed: /);
    expect(line).toMatch(/\(max error 0\.0e\+0\)$/);
  });

  it('turns off a family whose shaders WebGPU refused', async () => {
    const line = await verifyOwnKernels(fakeDevice('binding index 2 not present'));
    expect(line).toContain('matrix products off, refused by WebGPU: binding index 2 not present');
  });

  it('checks each device once', async () => {
    const device = fakeDevice();
    const first = verifyOwnKernels(device);
    expect(verifyOwnKernels(device)).toBe(first);
    const other = verifyOwnKernels(fakeDevice());
    expect(other).not.toBe(first);
    await Promise.all([first, other]);
  });
});
