import { describe, expect, it } from 'vitest';
import { parseUiOptions } from './ui';

describe('parseUiOptions', () => {
  it('measures the backends for a minute on the minified build by default', () => {
    const options = parseUiOptions([]);
    expect([options.mode, options.seconds, options.app.outDir]).toEqual(['backends', 60, '.build/app']);
  });

  it('runs the long-task probe on the unminified build, 20 s a run, so that profiles name functions', () => {
    const options = parseUiOptions(['--mode', 'longtasks', '--cpu']);
    expect([options.seconds, options.app.minify, options.app.outDir]).toEqual([
      20,
      false,
      '.build/app-unminified',
    ]);
    expect(options.cpu).toBe(true);
    expect(parseUiOptions(['--mode', 'longtasks', '--seconds', '5']).seconds).toBe(5);
  });

  it('takes the first-step options and refuses a mode or option it does not know', () => {
    const options = parseUiOptions(['--mode', 'first-step', '--cases', 'wasm:tiny', '--hide', 'learned']);
    expect([options.mode, options.cases, options.hide]).toEqual(['first-step', 'wasm:tiny', 'learned']);
    expect(() => parseUiOptions(['--mode', 'probe'])).toThrow(/--mode: unknown 'probe'/);
    expect(() => parseUiOptions(['--presets'])).toThrow(/Unknown option '--presets'/);
  });

  it('checks steps, runs and backends before anything is built', () => {
    const options = parseUiOptions(['--steps', '40', '--runs', '2', '--backends', 'wasm,webgl']);
    expect([options.steps, options.runs, options.backends]).toEqual([40, 2, ['wasm', 'webgl']]);
    expect([parseUiOptions([]).steps, parseUiOptions([]).runs, parseUiOptions([]).backends]).toEqual([
      null,
      3,
      ['wasm', 'webgpu'],
    ]);
    expect(() => parseUiOptions(['--steps', 'abc'])).toThrow('--steps: not a number ≥ 1: abc');
    expect(() => parseUiOptions(['--runs', '0'])).toThrow('--runs: not a number ≥ 1: 0');
    expect(() => parseUiOptions(['--backends', 'webgl2'])).toThrow(/--backends: unknown 'webgl2'/);
  });
});
