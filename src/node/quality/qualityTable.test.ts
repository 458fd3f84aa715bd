import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import type { HeadlessReport } from '../headlessRun';
import { parseQualityArgs } from './qualityPlan';
import { NOTES_MARKER, qualityMarkdown, reproduceCommand, withKeptNotes } from './qualityTable';

const scores = (linear: number, knn: number) => ({ linear, knn });
const report = {
  steps: 2000,
  trainMinutes: 2.25,
  probe: {
    feature: 'grid3-z',
    cpc: scores(0.85, 0.8),
    randomInit: scores(0.775, 0.74),
    pixels: scores(0.798, 0.765),
    features: {
      'grid3-z': { cpc: scores(0.85, 0.8), randomInit: scores(0.775, 0.74) },
      'mean-z': { cpc: scores(0.76, 0.67), randomInit: scores(0.695, 0.57) },
    },
    trainImages: 2000,
    testImages: 2000,
  },
  config: DEFAULT_CONFIG,
} as unknown as HeadlessReport;

describe('quality table', () => {
  it('puts CPC, random init and pixels side by side, then every feature, then how to reproduce', () => {
    const run = { data: 'fashion-mnist' as const, preset: 'default' as const, steps: 2000 };
    const md = qualityMarkdown(
      [{ ...run, report }],
      [{ data: 'fashion-mnist', testAccuracy: 0.84, epochs: 40, steps: 2520, minutes: 3, trainImages: 2000 }],
      'meta line',
    );
    expect(md).toContain('## Headline feature: z on a 3×3 grid');
    expect(md).toContain(
      '| fashion-mnist | default | 2000 | 2.3 | **85.0%** | 77.5% | 79.8% | 80.0% | 74.0% | 76.5% |',
    );
    expect(md).toContain('2000 labels, 40 epochs | 2520 | 3.0 | **84.0%** |');
    expect(md).toContain('| fashion-mnist | default | mean z | 76.0% | 69.5% | 67.0% | 57.0% |');
    expect(md).toContain(reproduceCommand(run));
    expect(md.trimEnd().endsWith(NOTES_MARKER)).toBe(true);
  });

  it('keeps hand-written notes below the marker when regenerating', () => {
    const old = `# old tables\n${NOTES_MARKER}\n## History\nwhat changed\n`;
    expect(withKeptNotes(`# new\n${NOTES_MARKER}\n`, old)).toBe(
      `# new\n${NOTES_MARKER}\n## History\nwhat changed\n`,
    );
    expect(withKeptNotes('# new\n', null)).toBe('# new\n');
  });

  it('plans presets × data sets with the goal steps, or the steps asked for', () => {
    const plan = parseQualityArgs(['--datasets', 'textures,mnist', '--presets', 'default,cpc-v2']);
    expect(plan.runs.map((r) => `${r.data}/${r.preset}/${r.steps}`)).toEqual([
      'textures/default/1500',
      'textures/cpc-v2/300',
      'mnist/default/2000',
      'mnist/cpc-v2/300',
    ]);
    expect(parseQualityArgs(['--steps', '10']).runs.every((r) => r.steps === 10)).toBe(true);
    expect(() => parseQualityArgs(['--datasets', 'cifar'])).toThrow(/unknown cifar/);
    expect(() => parseQualityArgs(['--bogus'])).toThrow();
  });
});
