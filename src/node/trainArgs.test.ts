import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../cpc/config';
import { parseTrainArgs } from './trainArgs';

describe('runner arguments', () => {
  it('has defaults for everything', () => {
    const args = parseTrainArgs([]);
    expect(args).toMatchObject({
      data: 'synthetic',
      steps: 400,
      out: 'runs/latest',
      logEvery: 10,
      backend: 'wasm',
    });
    expect(args.config).toEqual(DEFAULT_CONFIG);
    expect(args.configGiven).toBe(false);
  });

  it('starts from a preset, with --config fields on top', () => {
    const args = parseTrainArgs(['--preset', 'keras-cpc', '--config', '{"batchSize":8}']);
    expect(args.config.loss).toBe('bce');
    expect(args.config.batchSize).toBe(8);
    expect(parseTrainArgs(['--preset', 'quick-demo']).configGiven).toBe(false);
    expect(() => parseTrainArgs(['--preset', 'nope'])).toThrow(/--preset must be one of default/);
  });

  it('reads a config from inline JSON or a file, reporting bad fields', () => {
    expect(parseTrainArgs(['--config', '{"context":"lstm"}']).config.context).toBe('lstm');
    const file = join(mkdtempSync(join(tmpdir(), 'cpc-args-')), 'c.json');
    writeFileSync(file, JSON.stringify({ batchSize: 8, nope: 1 }));
    const args = parseTrainArgs(['--config', file, '--steps', '5', '--data', 'mnist']);
    expect(args.config.batchSize).toBe(8);
    expect(args.configGiven).toBe(true);
    expect(args.configIssues.map((i) => i.key)).toEqual(['nope']);
    expect(args.steps).toBe(5);
    expect(args.data).toBe('mnist');
  });

  it('explains bad input', () => {
    expect(() => parseTrainArgs(['--steps', '0'])).toThrow(/positive integer/);
    expect(() => parseTrainArgs(['--steps'])).toThrow(/needs a value/);
    expect(() => parseTrainArgs(['--bogus', '1'])).toThrow(/Unknown option/);
    expect(() => parseTrainArgs(['--config', '{oops'])).toThrow(/not valid JSON/);
    expect(() => parseTrainArgs(['--backend', 'webgpu'])).toThrow(/wasm or cpu/);
  });
});
