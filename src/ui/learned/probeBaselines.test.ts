import { describe, expect, it } from 'vitest';
import type { ProbeChartRow } from './probeHistory';
import { probeBaselines } from './probeBaselines';

const row = (step: number, change: Partial<ProbeChartRow> = {}): ProbeChartRow => ({
  step,
  cpcLinear: 0.5,
  cpcKnn: 0.4,
  randomLinear: 0.3,
  randomKnn: 0.2,
  pixelsLinear: 0.35,
  pixelsKnn: 0.25,
  ...change,
});

describe('probeBaselines', () => {
  it('takes random init and pixels from the latest probe', () => {
    const rows = [row(0, { randomLinear: 0.1 }), row(40)];
    expect(probeBaselines(rows)).toEqual({
      random: { linear: 0.3, knn: 0.2 },
      pixels: { linear: 0.35, knn: 0.25 },
    });
  });

  it('has no pixels line for a run saved before pixels were probed, and nothing without probes', () => {
    expect(probeBaselines([row(5, { pixelsLinear: undefined, pixelsKnn: undefined })])?.pixels).toBeNull();
    expect(probeBaselines([])).toBeNull();
  });
});
