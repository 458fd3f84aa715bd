import { describe, expect, it } from 'vitest';
import { appendProbe, percent, probeChartRows, scoresFor, type ProbePoint } from './probeHistory';

const point = (step: number, linear = 0.5): ProbePoint => ({
  step,
  cpc: { linear, knn: 0.4 },
  randomInit: { linear: 0.3, knn: 0.2 },
});

const PIXELS = { linear: 0.6, knn: 0.55 };
const GRID = { cpc: { linear: 0.9, knn: 0.8 }, randomInit: { linear: 0.4, knn: 0.3 } };
const MEAN = { cpc: { linear: 0.7, knn: 0.6 }, randomInit: { linear: 0.35, knn: 0.25 } };

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

  it('keeps the scores of other features probed at the same step', () => {
    const grid = {
      step: 10,
      feature: 'grid3-z',
      ...GRID,
      pixels: PIXELS,
      features: { 'grid3-z': GRID },
    } as const;
    const mean = {
      step: 10,
      feature: 'mean-z',
      ...MEAN,
      pixels: PIXELS,
      features: { 'mean-z': MEAN },
    } as const;
    const [merged] = appendProbe([grid], mean);
    expect(merged).toMatchObject({
      feature: 'mean-z',
      cpc: MEAN.cpc,
      features: { 'grid3-z': GRID, 'mean-z': MEAN },
    });
  });
});

describe('scoresFor and probeChartRows', () => {
  const history: ProbePoint[] = [
    point(0), // saved before probes recorded a feature
    { step: 10, feature: 'grid3-z', ...GRID, pixels: PIXELS, features: { 'grid3-z': GRID, 'mean-z': MEAN } },
    { step: 20, feature: 'grid3-z', ...GRID, pixels: PIXELS, features: { 'grid3-z': GRID } },
  ];

  it('finds a feature among the per-feature scores, else only as the headline', () => {
    expect(scoresFor(history[1], 'mean-z')).toEqual(MEAN);
    expect(scoresFor(history[2], 'mean-z')).toBeNull();
    expect(scoresFor({ step: 1, feature: 'hidden', ...MEAN }, 'hidden')).toEqual(MEAN);
    expect(scoresFor(history[0], 'grid3-z')).toBeNull();
  });

  it("charts only the selected feature's probes, beside the pixels baseline", () => {
    const { rows, others } = probeChartRows(history, 'mean-z');
    expect(rows).toEqual([
      {
        step: 10,
        cpcLinear: 0.7,
        cpcKnn: 0.6,
        randomLinear: 0.35,
        randomKnn: 0.25,
        pixelsLinear: 0.6,
        pixelsKnn: 0.55,
      },
    ]);
    expect(others).toBe(2);
    expect(probeChartRows(history, 'grid3-z').rows.map((r) => r.step)).toEqual([10, 20]);
  });
});

describe('percent', () => {
  it('shows one decimal', () => {
    expect(percent(0.8754)).toBe('87.5%');
    expect(percent(1)).toBe('100.0%');
  });
});
