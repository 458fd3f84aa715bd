import { describe, expect, it } from 'vitest';
import { afterWarmup, quantile, spread } from './stats';

describe('spread', () => {
  it('interpolates quantiles linearly between sorted samples (numpy default)', () => {
    // Sorted: 10, 20, 30, 40, 50. p10 sits at index 0.4 → 10 + 0.4·10; p90 at index 3.6 → 40 + 0.6·10.
    expect(spread([50, 10, 40, 20, 30])).toEqual({ median: 30, p10: 14, p90: 46, count: 5 });
  });

  it('takes the midpoint for an even count and NaN for none', () => {
    expect(quantile([1, 2, 3, 10], 0.5)).toBe(2.5);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('afterWarmup', () => {
  it('keeps every step of a short run (the engine already ran a throwaway step)', () => {
    expect(afterWarmup([900, 100, 100])).toEqual([900, 100, 100]);
  });

  it('drops the first tenth of a longer run, at most 5 steps', () => {
    expect(afterWarmup(Array.from({ length: 20 }, (_, i) => i))).toHaveLength(18);
    expect(afterWarmup(Array.from({ length: 500 }, (_, i) => i))[0]).toBe(5);
  });
});
