import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MEANING_COLOURS } from '../theme/meaning';
import { runColour, SERIES_COUNT, seriesColour } from './chartStyle';

const tokens = readFileSync(fileURLToPath(new URL('../theme/tokens.css', import.meta.url)), 'utf8');

function tokenHex(name: string): string {
  const match = new RegExp(`--${name}:\\s*(#[0-9a-f]{6});`, 'i').exec(tokens);
  if (!match) throw new Error(`tokens.css has no --${name}`);
  return match[1];
}

/** CIE L*a*b* of an sRGB hex colour (D65). */
function lab(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const xyz = [
    (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
    0.2126 * r + 0.7152 * g + 0.0722 * b,
    (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
  ].map((t) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116));
  return [116 * xyz[1] - 16, 500 * (xyz[0] - xyz[1]), 200 * (xyz[1] - xyz[2])];
}

/** CIE76 colour difference: about 2 is just noticeable, above 20 reads as another colour. */
function deltaE(a: string, b: string): number {
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

const SERIES = Array.from({ length: SERIES_COUNT }, (_, i) => tokenHex(`c-series-${i + 1}`));
const MIN_DIFFERENCE = 25;

describe('chart series colours', () => {
  it('names one CSS variable per series, wrapping after the last', () => {
    expect(seriesColour(0)).toBe('var(--c-series-1)');
    expect(seriesColour(SERIES_COUNT)).toBe('var(--c-series-1)');
  });

  it('tells every k line apart from every other', () => {
    for (let i = 0; i < SERIES.length; i++)
      for (let j = i + 1; j < SERIES.length; j++)
        expect(deltaE(SERIES[i], SERIES[j]), `${SERIES[i]} vs ${SERIES[j]}`).toBeGreaterThan(MIN_DIFFERENCE);
  });

  it('never looks like a meaning colour (context, target, CPC, random, pixels, chance)', () => {
    for (const series of SERIES)
      for (const [meaning, colour] of Object.entries(MEANING_COLOURS))
        expect(deltaE(series, colour), `${series} vs ${meaning}`).toBeGreaterThan(MIN_DIFFERENCE);
  });

  it('measures a difference the way a reader sees it', () => {
    expect(deltaE('#000000', '#ffffff')).toBeCloseTo(100, 0);
    expect(deltaE('#2f7df6', '#2f7df6')).toBe(0);
  });
});

describe('run comparison colours', () => {
  // Okabe–Ito's orange and yellow sit at 24.6: apart, if closer than the k lines' 25.
  const RUN_MIN_DIFFERENCE = 20;
  it('gives each of eight runs a colour of its own, far apart, and wraps after', () => {
    const runs = Array.from({ length: 8 }, (_, i) => runColour(i));
    for (let i = 0; i < runs.length; i++)
      for (let j = i + 1; j < runs.length; j++)
        expect(deltaE(runs[i], runs[j]), `${runs[i]} vs ${runs[j]}`).toBeGreaterThan(RUN_MIN_DIFFERENCE);
    expect(runColour(8)).toBe(runs[0]);
  });
});
