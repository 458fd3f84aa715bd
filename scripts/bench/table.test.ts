import { describe, expect, it } from 'vitest';
import type { CellResult } from '../../src/bench/cell';
import type { ReferenceResult } from './reference';
import { cellTable, isolationLine, variantName } from './table';

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
};
const torch = { speed: { msPerStep: { median: 100 } } } as ReferenceResult;

describe('cellTable', () => {
  it('prints the ratio to PyTorch on the same workload and marks a budget stop', () => {
    const [, row] = cellTable([cell], new Map([['reference', torch]])).split('\n');
    expect(row).toMatch(/\b40\*\s+230\s+200–300\s+2\.3×\s+70\s+1\.8 s\s+0\.5 s\s+58→58$/);
  });

  it('keeps failed and skipped cells as rows', () => {
    const table = cellTable(
      [{ runtime: 'node', workload: 'cpc-v2', variant: 'mc', backend: 'cpu', skipped: 'too slow' }],
      new Map(),
    );
    expect(table.split('\n')[1]).toMatch(/^node\s+cpu\s+cpc-v2 \[mc\]\s+skipped: too slow$/);
  });
});

describe('isolationLine', () => {
  it('reports cross-origin isolation and wasm threads per runtime', () => {
    expect(isolationLine([cell, { ...cell, runtime: 'node', crossOriginIsolated: null }])).toBe(
      'bench page crossOriginIsolated: true; wasm threads: browser 1, node 1',
    );
  });
});

describe('variantName', () => {
  it('names the variant only in A/B runs', () => {
    expect(variantName({ workload: 'default', variant: '' })).toBe('default');
    expect(variantName({ workload: 'default', variant: 'b4' })).toBe('default [b4]');
  });
});
