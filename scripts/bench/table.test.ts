import { describe, expect, it } from 'vitest';
import type { CellResult } from '../../src/bench/cell';
import type { ReferenceResult } from './reference';
import { cellTable, isolationLine, kernelColumns, slowestLines, torchDevice, variantName } from './table';

const cell: CellResult = {
  runtime: 'browser',
  workload: 'reference',
  variant: '',
  backend: 'wasm',
  ranOn: 'wasm',
  backendDetail: 'requested: wasm (SIMD, 1 thread)',
  batchSize: 16,
  steps: 40,
  stoppedBy: 'budget',
  msPerStep: { median: 230, p10: 200, p90: 300, count: 36 },
  imagesPerSecond: 69.6,
  initToFirstStepMs: 1800,
  warmupMs: 500,
  tensorsAfterFirstStep: 58,
  tensorsAfterLastStep: 58,
  finalLoss: 2.1,
  crossOriginIsolated: true,
  wasmThreads: 1,
  kernelsPerStep: {
    total: 1549,
    views: 512,
    byName: { Identity: 400, Reshape: 112, Add: 1037 },
    slowest: [
      { kernel: 'Conv2D → 576×2×2×64', calls: 1, ms: 2566.7 },
      { kernel: 'Add → 576×4×4×64', calls: 2, ms: 259.6 },
    ],
  },
};
const torch = { speed: { msPerStep: { median: 100 } } } as ReferenceResult;

describe('cellTable', () => {
  it('prints the ratio to PyTorch on the same workload and marks a budget stop', () => {
    const [, row] = cellTable([cell], new Map([['reference', torch]])).split('\n');
    expect(row).toMatch(/\b40\*\s+230\s+200–300\s+2\.3×\s+70\s+1\.8 s\s+0\.5 s\s+58→58\s/);
  });

  it('ends each row with the kernels per step and the views among them', () => {
    const [header, row] = cellTable([cell], new Map()).split('\n');
    expect(header).toMatch(/\bkernels\/step\s+of which views$/);
    expect(row).toMatch(/\s58→58\s+1,549\s+512 \(33%\)$/);
  });

  it('keeps failed and skipped cells as rows', () => {
    const table = cellTable(
      [{ runtime: 'node', workload: 'cpc-v2', variant: 'mc', backend: 'cpu', skipped: 'too slow' }],
      new Map(),
    );
    expect(table.split('\n')[1]).toMatch(/^node\s+cpu\s+cpc-v2 \[mc\]\s+skipped: too slow$/);
  });
});

describe('kernelColumns', () => {
  it('prints the total with a thousands separator and the views with their share', () => {
    expect(kernelColumns({ total: 2258, views: 619, byName: {}, slowest: [] })).toEqual([
      '2,258',
      '619 (27%)',
    ]);
    expect(kernelColumns({ total: 0, views: 0, byName: {}, slowest: [] })).toEqual(['0', '0 (0%)']);
  });

  it('marks a cell whose count failed', () => {
    expect(kernelColumns(null)).toEqual(['?', '']);
  });
});

describe('slowestLines', () => {
  it('names each timed cell’s slowest kernels with their calls, and skips cells without times', () => {
    const untimed = {
      ...cell,
      workload: 'default' as const,
      kernelsPerStep: { ...cell.kernelsPerStep!, slowest: [] },
    };
    expect(slowestLines([cell, untimed, { ...cell, kernelsPerStep: null }])).toEqual([
      'browser wasm reference, slowest kernels of the profiled step: Conv2D → 576×2×2×64 2566.7 ms; Add → 576×4×4×64 259.6 ms (×2)',
    ]);
  });
});

describe('isolationLine', () => {
  it('reports cross-origin isolation and wasm threads per runtime', () => {
    expect(isolationLine([cell, { ...cell, runtime: 'node', crossOriginIsolated: null }])).toBe(
      'bench page crossOriginIsolated: true; wasm threads: browser 1, node 1',
    );
  });
});

describe('torchDevice', () => {
  it('gives the threads of a CPU run and the GPU of a cuda run', () => {
    expect(torchDevice({ device: 'cpu', threads: 2 })).toBe('cpu, 2 threads');
    expect(torchDevice({ device: 'cuda (NVIDIA H100 80GB HBM3)', threads: 16 })).toBe(
      'cuda (NVIDIA H100 80GB HBM3)',
    );
  });
});

describe('variantName', () => {
  it('names the variant only in A/B runs', () => {
    expect(variantName({ workload: 'default', variant: '' })).toBe('default');
    expect(variantName({ workload: 'default', variant: 'b4' })).toBe('default [b4]');
  });
});
