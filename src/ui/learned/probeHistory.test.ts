import { describe, expect, it } from 'vitest';
import { appendProbe, percent, type ProbePoint } from './probeHistory';

const point = (step: number, linear = 0.5): ProbePoint => ({
  step,
  cpc: { linear, knn: 0.4 },
  randomInit: { linear: 0.3, knn: 0.2 },
});

describe('appendProbe', () => {
  it('keeps runs in step order and replaces a rerun at the same step', () => {
    let history = appendProbe([], point(0));
    history = appendProbe(history, point(10, 0.6));
    history = appendProbe(history, point(10, 0.7));
    expect(history.map((p) => [p.step, p.cpc.linear])).toEqual([
      [0, 0.5],
      [10, 0.7],
    ]);
  });

  it('starts over when the step goes back (the weights were reset)', () => {
    const history = appendProbe([point(5), point(20)], point(0, 0.1));
    expect(history.map((p) => p.step)).toEqual([0]);
  });
});

describe('percent', () => {
  it('shows one decimal', () => {
    expect(percent(0.8754)).toBe('87.5%');
    expect(percent(1)).toBe('100.0%');
  });
});
