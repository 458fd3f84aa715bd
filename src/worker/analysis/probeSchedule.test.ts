import { describe, expect, it } from 'vitest';
import { checkpointProbedAt, checkProbeEvery, probeDue } from './probeSchedule';

describe('probeDue', () => {
  it('probes a new run once when its model is ready, for the baselines at step 0', () => {
    expect(probeDue('ready', { step: 0, lastProbeStep: null, everySteps: 500 })).toBe(true);
    expect(probeDue('ready', { step: 0, lastProbeStep: 0, everySteps: 500 })).toBe(false);
    // A schedule turned on again mid-run does not add a probe to a run that already has one.
    expect(probeDue('ready', { step: 40, lastProbeStep: 10, everySteps: 500 })).toBe(false);
    // A resumed run has no probe of its own yet.
    expect(probeDue('ready', { step: 300, lastProbeStep: null, everySteps: 0 })).toBe(true);
  });

  it('probes on pause unless these weights were just probed', () => {
    expect(probeDue('pause', { step: 37, lastProbeStep: 0, everySteps: 500 })).toBe(true);
    expect(probeDue('pause', { step: 37, lastProbeStep: 37, everySteps: 500 })).toBe(false);
    // Off means no periodic probe; a pause still answers "did it learn?".
    expect(probeDue('pause', { step: 37, lastProbeStep: 0, everySteps: 0 })).toBe(true);
  });

  it('probes every N steps while training, and never with N = 0', () => {
    const due = (step: number, everySteps: number) =>
      probeDue('step', { step, lastProbeStep: 0, everySteps });
    expect([1, 2, 3, 4, 5, 6, 10, 11].filter((s) => due(s, 5))).toEqual([5, 10]);
    expect([500, 1000].every((s) => due(s, 0))).toBe(false);
    expect(probeDue('step', { step: 10, lastProbeStep: 10, everySteps: 5 })).toBe(false);
  });
});

describe('checkProbeEvery', () => {
  it('takes whole numbers of steps and refuses anything else', () => {
    expect(checkProbeEvery(0)).toBe(0);
    expect(checkProbeEvery(25)).toBe(25);
    for (const bad of [-1, 1.5, NaN, '5', null]) expect(() => checkProbeEvery(bad)).toThrow('whole number');
  });
});

describe('checkpointProbedAt', () => {
  const scores = { linear: 0.775, knn: 0.764 };
  const point = (step: number) => ({ step, feature: 'grid3-z', cpc: scores, randomInit: scores });

  it('finds a scored probe at the checkpoint step among the saved ones', () => {
    // train.py's history: the browser's probe at step 2, then its own final probe at step 5.
    expect(checkpointProbedAt({ probeHistory: [point(2), point(5)] }, 5)).toBe(true);
    expect(checkpointProbedAt({ probeHistory: [point(2)] }, 5)).toBe(false);
  });

  it('counts nothing it could not show: no history, or a point without scores', () => {
    expect(checkpointProbedAt({}, 5)).toBe(false);
    expect(checkpointProbedAt({ probeHistory: 'nope' }, 5)).toBe(false);
    expect(checkpointProbedAt({ probeHistory: [{ step: 5, cpc: scores }] }, 5)).toBe(false);
    expect(checkpointProbedAt({ probeHistory: [{ ...point(5), cpc: { linear: 'x', knn: 1 } }] }, 5)).toBe(
      false,
    );
    expect(checkpointProbedAt({ probeHistory: [null, { ...point(5), step: '5' }] }, 5)).toBe(false);
  });
});
