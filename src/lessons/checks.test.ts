import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../cpc/config';
import { checkDone, rebaseline, type LessonSnapshot } from './checks';

const opened: LessonSnapshot = {
  step: 10,
  running: false,
  config: DEFAULT_CONFIG,
  probes: 1,
  lastProbe: { step: 0, feature: 'grid3-z' },
  patch: { image: 0, direction: 'down', cell: '0,3' },
};
const at = (change: Partial<LessonSnapshot>): LessonSnapshot => ({ ...opened, ...change });

describe('checkDone', () => {
  it('counts steps from when the step opened', () => {
    const check = { kind: 'steps-grew', steps: 3 } as const;
    expect(checkDone(check, opened, at({ step: 12 }))).toBe(false);
    expect(checkDone(check, opened, at({ step: 13 }))).toBe(true);
  });

  it('reads the config in use', () => {
    const check = { kind: 'config-equals', field: 'norm', value: 'batch' } as const;
    expect(checkDone(check, opened, opened)).toBe(false);
    expect(checkDone(check, opened, at({ config: { ...DEFAULT_CONFIG, norm: 'batch' } }))).toBe(true);
  });

  it('sees training', () => {
    expect(checkDone({ kind: 'training' }, opened, opened)).toBe(false);
    expect(checkDone({ kind: 'training' }, opened, at({ running: true }))).toBe(true);
  });

  it('needs a new probe run, late enough and of the asked feature', () => {
    const any = { kind: 'probe-ran', atLeastStep: 0 } as const;
    expect(checkDone(any, opened, opened)).toBe(false);
    expect(checkDone(any, opened, at({ probes: 2 }))).toBe(true);
    const late = { kind: 'probe-ran', atLeastStep: 30 } as const;
    expect(checkDone(late, opened, at({ probes: 2, lastProbe: { step: 29, feature: 'grid3-z' } }))).toBe(
      false,
    );
    expect(checkDone(late, opened, at({ probes: 3, lastProbe: { step: 30, feature: 'grid3-z' } }))).toBe(
      true,
    );
    const mean = { kind: 'probe-ran', atLeastStep: 0, feature: 'mean-z' } as const;
    expect(checkDone(mean, opened, at({ probes: 2 }))).toBe(false);
    expect(checkDone(mean, opened, at({ probes: 2, lastProbe: { step: 0, feature: 'mean-z' } }))).toBe(true);
  });

  it('sees another patch, image or direction in the patch grid', () => {
    const check = { kind: 'patch-changed' } as const;
    expect(checkDone(check, opened, opened)).toBe(false);
    expect(checkDone(check, opened, at({ patch: { image: 0, direction: 'down', cell: '1,3' } }))).toBe(true);
    expect(checkDone(check, opened, at({ patch: { image: 2, direction: 'down', cell: '0,3' } }))).toBe(true);
    expect(checkDone(check, at({ patch: null }), opened)).toBe(false);
  });

  it('needs the named direction when the check names one', () => {
    const check = { kind: 'patch-changed', direction: 'up' } as const;
    expect(checkDone(check, opened, at({ patch: { image: 0, direction: 'left', cell: '0,3' } }))).toBe(false);
    expect(checkDone(check, opened, at({ patch: { image: 0, direction: 'up', cell: '5,3' } }))).toBe(true);
  });
});

describe('rebaseline', () => {
  it('counts from the new start after a reset or rebuild, and keeps the snapshot otherwise', () => {
    expect(rebaseline(opened, at({ step: 0 })).step).toBe(0);
    expect(rebaseline(opened, at({ step: 15 }))).toBe(opened);
    const check = { kind: 'steps-grew', steps: 3 } as const;
    expect(checkDone(check, rebaseline(opened, at({ step: 0 })), at({ step: 3 }))).toBe(true);
  });
});
