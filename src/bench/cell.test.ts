import { describe, expect, it } from 'vitest';
import { summariseCell, wasmThreadsFrom } from './cell';
import { workloadConfig } from './workloads';

describe('wasmThreadsFrom', () => {
  it('reads the thread count from the engine’s wasm detail', () => {
    expect(wasmThreadsFrom('requested: wasm (SIMD, 1 thread)')).toBe(1);
    expect(wasmThreadsFrom('auto: wasm (SIMD, 2 threads); webgpu skipped')).toBe(2);
    expect(wasmThreadsFrom('cpu (plain JavaScript, slowest)')).toBeNull();
  });
});

describe('summariseCell', () => {
  it('computes ms/step and images/s from the step log', () => {
    const spec = {
      workload: 'reference' as const,
      variant: '',
      backend: 'wasm',
      config: workloadConfig('reference'),
      imageCount: 256,
      maxSteps: 3,
      budgetMs: 0,
      minSteps: 1,
    };
    const cell = summariseCell(
      spec,
      {
        runtime: 'browser',
        ranOn: 'wasm',
        backendDetail: 'requested: wasm (SIMD, 1 thread)',
        initToFirstStepMs: 1500,
        warmupMs: 400,
        crossOriginIsolated: true,
        stoppedBy: 'steps',
        kernelsPerStep: null,
      },
      { stepMs: [300, 100, 200], lastLoss: 2.5, tensorsAfterFirstStep: 58, tensorsAfterLastStep: 58 },
    );
    expect(cell.msPerStep.median).toBe(200);
    expect(cell.imagesPerSecond).toBeCloseTo((16 * 1000) / 200, 10); // batch 16 at 200 ms
    expect(cell.steps).toBe(3);
    expect(cell.wasmThreads).toBe(1);
  });
});
