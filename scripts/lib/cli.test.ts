import { describe, expect, it } from 'vitest';
import { listOption, numberOption, parseCommandLine, sizeOption } from './cli';

describe('parseCommandLine', () => {
  const OPTIONS = { steps: { type: 'string' }, trace: { type: 'boolean' } } as const;

  it('reads declared options and leaves absent ones undefined', () => {
    expect(parseCommandLine(['--steps', '20', '--trace'], OPTIONS)).toEqual({ steps: '20', trace: true });
    expect(parseCommandLine([], OPTIONS)).toEqual({});
  });

  it('refuses unknown options and stray words rather than run the default', () => {
    expect(() => parseCommandLine(['--step', '20'], OPTIONS)).toThrow(/Unknown option '--step'/);
    expect(() => parseCommandLine(['20'], OPTIONS)).toThrow(/Unexpected argument '20'/);
  });
});

describe('numberOption', () => {
  it('falls back when absent and checks the lower bound when given', () => {
    expect(numberOption(undefined, 'steps', 7)).toBe(7);
    expect(numberOption('0.5', 'budget', 7)).toBe(0.5);
    expect(() => numberOption('0', 'steps', 7, 1)).toThrow(/--steps: not a number ≥ 1: 0/);
    expect(() => numberOption('ten', 'steps', 7)).toThrow(/not a number/);
    expect(() => numberOption('', 'steps', 7)).toThrow(/not a number/);
  });
});

describe('listOption', () => {
  it('splits, trims and checks against the allowed names', () => {
    expect(listOption('wasm, cpu', ['wasm', 'cpu', 'webgl'], 'backend')).toEqual(['wasm', 'cpu']);
    expect(listOption(undefined, ['wasm'], 'backend')).toBeNull();
    expect(() => listOption('wasm,webgl2', ['wasm', 'webgl'], 'backend')).toThrow(
      /--backend: unknown 'webgl2' \(one of wasm, webgl\)/,
    );
  });
});

describe('sizeOption', () => {
  it('reads WxH, falls back when absent, and refuses a side missing or not a whole number', () => {
    expect(sizeOption('4000x3000', 'size', [1, 1])).toEqual([4000, 3000]);
    expect(sizeOption(undefined, 'size', [1024, 768])).toEqual([1024, 768]);
    for (const bad of ['1024', '1024x', 'x768', '10.5x3', '0x5', '4x4x4'])
      expect(() => sizeOption(bad, 'size', [1, 1])).toThrow(`--size: not a size WxH: ${bad}`);
  });
});
