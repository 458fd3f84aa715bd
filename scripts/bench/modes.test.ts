import { describe, expect, it } from 'vitest';
import { BENCH_MODES, modesOverview, pickMode } from './modes';
import { run as runSoak } from './modes/soak';

describe('pickMode', () => {
  it('runs step when no mode is named, with every option passed on', () => {
    const { mode, argv } = pickMode(['--backend', 'wasm']);
    expect(mode.name).toBe('step');
    expect(argv).toEqual(['--backend', 'wasm']);
    expect(pickMode([]).mode.name).toBe('step');
  });

  it('takes the first word as the mode and drops it from the options', () => {
    const { mode, argv } = pickMode(['ui', '--mode', 'longtasks']);
    expect(mode.name).toBe('ui');
    expect(argv).toEqual(['--mode', 'longtasks']);
  });

  it('makes node the step mode with --only-node in front', () => {
    const { mode, argv } = pickMode(['node', '--workload', 'reference']);
    expect(mode.name).toBe('node');
    expect(argv).toEqual(['--only-node', '--workload', 'reference']);
  });

  it('refuses a mode it does not know', () => {
    expect(() => pickMode(['longtasks'])).toThrow(/unknown mode 'longtasks' \(one of step, node, gpu/);
  });
});

describe('BENCH_MODES', () => {
  it('loads a module with a usage and a run for every mode', async () => {
    for (const mode of BENCH_MODES) {
      const module = await mode.load();
      expect(module.USAGE, mode.name).toMatch(/npm run bench/);
      expect(typeof module.run, mode.name).toBe('function');
    }
    expect(modesOverview()).toMatch(/^ {2}quality +learning quality/m);
  });
});

describe('soak mode', () => {
  it('refuses a plan the verdict could not judge, and an unknown option, before opening a page', async () => {
    await expect(runSoak(['--steps', '300', '--every', '100'])).rejects.toThrow('at least 4 × --every');
    await expect(runSoak(['--step', '400'])).rejects.toThrow(/Unknown option '--step'/);
    await expect(runSoak(['--every', '0'])).rejects.toThrow('--every: not a number ≥ 1: 0');
  });
});
