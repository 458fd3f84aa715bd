import { describe, expect, it } from 'vitest';
import { parseOptions, slowCellReason } from './stepOptions';

describe('parseOptions', () => {
  it('runs everything by default', () => {
    const options = parseOptions([]);
    expect(options.browserBackends).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(options.nodeBackends).toEqual(['wasm', 'cpu']);
    expect(options.workloads).toEqual(['quick-demo', 'default', 'keras-cpc', 'cpc-v2', 'reference']);
    expect(options.budget).toEqual({ maxSteps: 500, budgetMs: 10_000, minSteps: 2 });
    expect(slowCellReason(options, 'cpu', 'cpc-v2')).toMatch(/--all-cells/);
    expect(slowCellReason(options, 'wasm', 'cpc-v2')).toBeNull();
    expect(options.app).toEqual({
      build: true,
      minify: true,
      outDir: '.build/app',
      port: undefined,
      origin: null,
    });
    expect([options.browser, options.node, options.reference, options.ui, options.importBench]).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it('narrows backends, workloads and parts for an A/B run', () => {
    const options = parseOptions([
      '--only-node',
      '--backend',
      'webgl,wasm',
      '--preset',
      'reference',
      '--steps',
      '50',
      '--budget',
      '0',
    ]);
    expect(options.nodeBackends).toEqual(['wasm']);
    expect(options.workloads).toEqual(['reference']);
    expect(options.budget.maxSteps).toBe(50);
    expect(options.budget.budgetMs).toBe(0);
    expect([options.browser, options.ui, options.importBench]).toEqual([false, false, false]);
  });

  it('runs a slow cell when it is named, or with --all-cells', () => {
    expect(
      slowCellReason(parseOptions(['--backend', 'cpu', '--workload', 'cpc-v2']), 'cpu', 'cpc-v2'),
    ).toBeNull();
    expect(slowCellReason(parseOptions(['--all-cells']), 'cpu', 'cpc-v2')).toBeNull();
    expect(slowCellReason(parseOptions(['--backend', 'cpu']), 'cpu', 'cpc-v2')).not.toBeNull();
  });

  it('runs the base config and every --variant on top of it', () => {
    const options = parseOptions([
      '--batch',
      '8',
      '--variant',
      'mc={"context":"masked-conv"}',
      '--variant',
      'b4={"batchSize":4}',
    ]);
    expect(options.variants).toEqual([
      { name: 'base', overrides: { batchSize: 8 } },
      { name: 'mc', overrides: { batchSize: 8, context: 'masked-conv' } },
      { name: 'b4', overrides: { batchSize: 4 } },
    ]);
    expect(() => parseOptions(['--variant', '{"batchSize":4}'])).toThrow(/NAME=JSON/);
  });

  it('checks --batch and --config against the config table', () => {
    expect(parseOptions(['--batch', '8', '--config', '{"context":"masked-conv"}']).variants).toEqual([
      { name: '', overrides: { batchSize: 8, context: 'masked-conv' } },
    ]);
    expect(() => parseOptions(['--config', '{"contxt":"gru"}'])).toThrow(/contxt \(unknown field\)/);
    expect(() => parseOptions(['--backend', 'webgl2'])).toThrow(/unknown 'webgl2'/);
    expect(() => parseOptions(['--steps'])).toThrow(/argument missing/);
    expect(() => parseOptions(['--steps', '0'])).toThrow(/--steps: not a number ≥ 1/);
    expect(() => parseOptions(['--stpes', '5'])).toThrow(/Unknown option '--stpes'/);
  });
});
