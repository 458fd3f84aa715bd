import { judgeFlat, type Flatness, type NoiseBand } from '../lib/flatness';
import type { SoakSample } from './sample';

const MIB = 2 ** 20;

interface Series {
  name: string;
  pick: (sample: SoakSample) => number | null;
  band: NoiseBand;
  /** A failure of this series alone is reported as a warning (speed: wall time depends on the machine). */
  warnOnly?: boolean;
}

/** The judged series and their noise bands (the fitted line's allowed move over the second half). */
const SERIES: readonly Series[] = [
  { name: 'tensors', pick: (s) => s.tensors, band: { absolute: 1, relative: 0, bad: 'up' } },
  { name: 'worker heap', pick: (s) => s.workerHeap, band: { absolute: MIB, relative: 0.05, bad: 'up' } },
  {
    name: 'worker buffers',
    pick: (s) => s.workerBuffers,
    band: { absolute: MIB, relative: 0.05, bad: 'up' },
  },
  { name: 'page heap', pick: (s) => s.pageHeap, band: { absolute: MIB, relative: 0.05, bad: 'up' } },
  { name: 'page DOM heap', pick: (s) => s.pageDom, band: { absolute: MIB, relative: 0.05, bad: 'up' } },
  { name: 'DOM nodes', pick: (s) => s.domNodes, band: { absolute: 20, relative: 0.05, bad: 'up' } },
  { name: 'IndexedDB', pick: (s) => s.storage, band: { absolute: MIB, relative: 0.1, bad: 'up' } },
  {
    name: 'renderer RSS',
    pick: (s) => s.rendererRss,
    band: { absolute: 16 * MIB, relative: 0.1, bad: 'up' },
  },
  { name: 'CPU ms/step', pick: (s) => s.cpuMsPerStep, band: { absolute: 0, relative: 0.15, bad: 'up' } },
  {
    name: 'steps/s',
    pick: (s) => s.stepsPerSecond,
    band: { absolute: 0, relative: 0.15, bad: 'down' },
    warnOnly: true,
  },
];

interface Judged {
  series: Series;
  result: Flatness | null;
  /** Why there is no judgement (too few samples, no /proc). */
  skipped?: string;
}

function judgeAll(samples: readonly SoakSample[]): Judged[] {
  return SERIES.map((series) => {
    const points = samples.flatMap((s) => {
      const value = series.pick(s);
      // Missing in samples saved before the series existed (--judge).
      return typeof value !== 'number' || Number.isNaN(value) ? [] : [[s.step, value] as const];
    });
    try {
      const result = judgeFlat(
        points.map(([step]) => step),
        points.map(([, value]) => value),
        series.band,
      );
      return { series, result };
    } catch (error) {
      return { series, result: null, skipped: error instanceof Error ? error.message : String(error) };
    }
  });
}

function verdictLines(judged: readonly Judged[]): { lines: string[]; leaks: string[]; warnings: string[] } {
  const leaks: string[] = [];
  const warnings: string[] = [];
  const cpuFlat = judged.find((j) => j.series.name === 'CPU ms/step')?.result?.flat !== false;
  const lines = judged.map(({ series, result, skipped }) => {
    if (!result) return `- ${series.name}: not judged (${skipped})`;
    const unit = (n: number) => (series.band.absolute >= MIB ? `${(n / 1e6).toFixed(2)} MB` : n.toFixed(2));
    const figures =
      `mean ${unit(result.mean)}, line moved ${unit(result.drift)} over ${result.count} samples ` +
      `(allowed ${unit(result.allowed)} ${series.band.bad === 'up' ? 'up' : 'down'}, noise ±${unit(3 * result.driftError)})`;
    if (result.flat) return `- ${series.name}: flat — ${figures}`;
    if (series.warnOnly && cpuFlat) {
      warnings.push(series.name);
      return `- ${series.name}: WARNING, slower with a flat CPU time per step (a busier machine) — ${figures}`;
    }
    leaks.push(series.name);
    return `- ${series.name}: NOT FLAT — ${figures}`;
  });
  return { lines, leaks, warnings };
}

export interface Verdict {
  lines: string[];
  outcome: string;
  exitCode: number;
}

export function verdictOf(samples: readonly SoakSample[], failure: string | null): Verdict {
  const judged = judgeAll(samples);
  const { lines, leaks, warnings } = verdictLines(judged);
  const outcome = failure
    ? `FAILED: ${failure}`
    : judged.every((j) => j.result === null)
      ? `NOT JUDGED: too few samples after warm-up`
      : leaks.length > 0
        ? `LEAK: ${leaks.join(', ')} not flat after warm-up`
        : `PASS: every series flat after warm-up${warnings.length > 0 ? ` (warning: ${warnings.join(', ')})` : ''}`;
  const exitCode = failure || outcome.startsWith('NOT JUDGED') ? 2 : leaks.length > 0 ? 1 : 0;
  return { lines, outcome, exitCode };
}
