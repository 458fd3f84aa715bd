/**
 * npm run bench -- soak [--steps 20000] [--every 1000] [--judge FILE] [app options]
 *
 * A lesson's worth of training in the real page, checked for leaks (../../soak/lesson.ts). Every `--every`
 * steps it samples (../../soak/sample.ts): the worker's tensor count; the worker's and the page's JS heap
 * after a full GC (and the worker's ArrayBuffers, WASM memory among them; the page's DOM heap and node
 * count); the IndexedDB usage and the runs stored there; steps/s and the renderer's CPU ms per step since
 * the previous sample; the renderer's resident memory.
 *
 * Verdict (../../soak/verdict.ts, scripts/lib/flatness.ts): over the second half of the run every series
 * must be flat within its noise band. A slower steps/s with a flat CPU time per step is the machine getting
 * busier (other processes on the cores): a warning, not a failure. Exits 1 on a leak or a slowdown, 2 when
 * the run itself failed. The table and verdict go to bench-results/soak-<time>.{md,json}; `--judge` judges
 * a saved run's samples again without training (the JSON is written after every sample, so also a run
 * stopped early).
 */
import { readFileSync } from 'node:fs';
import { numberOption, parseCommandLine } from '../../lib/cli';
import { openLesson, trainAndSample } from '../../soak/lesson';
import type { SoakSample } from '../../soak/sample';
import { tableHeader, tableRow } from '../../soak/table';
import { verdictOf } from '../../soak/verdict';
import { openApp } from '../app';
import { APP_OPTIONS, APP_USAGE, appOptions } from '../appOptions';
import { timestampedName, writeJsonResult, writeResult } from '../results';

export const USAGE = `npm run bench -- soak [options]: a lesson-long run in the real page, judged for leaks
  --steps N           steps to train (default 20000; at least 4 × --every)
  --every N           steps between samples (default 1000)
  --judge FILE        judge a saved bench-results/soak-<time>.json again, without training
${APP_USAGE}
The table and verdict go to bench-results/soak-<time>.{md,json}; exits 1 on a leak, 2 when the run itself
failed.`;

const SOAK_OPTIONS = {
  ...APP_OPTIONS,
  steps: { type: 'string' },
  every: { type: 'string' },
  judge: { type: 'string' },
} as const;

interface Plan {
  steps: number;
  every: number;
}

export async function run(argv: string[]): Promise<number> {
  const values = parseCommandLine(argv, SOAK_OPTIONS);
  if (values.judge !== undefined) return rejudge(values.judge);
  const plan = {
    steps: numberOption(values.steps, 'steps', 20_000, 1),
    every: numberOption(values.every, 'every', 1000, 1),
  };
  if (plan.steps / plan.every < 4)
    throw new Error('--steps must be at least 4 × --every (the verdict needs 3 samples after warm-up)');
  const app = await openApp(appOptions(values));
  const started = new Date();
  const samples: SoakSample[] = [];
  let failure: string | null = null;
  try {
    const page = await openLesson(app.browser, app.origin);
    await trainAndSample(app.browser, page, plan, samples, () =>
      writeSamples(started, plan, samples, 'running'),
    );
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  } finally {
    await app.close();
  }
  return report(started, plan, samples, failure);
}

function report(started: Date, plan: Plan, samples: readonly SoakSample[], failure: string | null): number {
  const verdict = verdictOf(samples, failure);
  const text = [
    `# Soak: Default preset on WASM, ${samples[samples.length - 1]?.step ?? 0} of ${plan.steps} steps, sampled every ${plan.every}`,
    '',
    `Started ${started.toISOString()}. Heaps after a forced GC; MB = 10^6 bytes.`,
    '',
    tableHeader(),
    ...samples.map(tableRow),
    '',
    'Judged from half the run on (least-squares line; noise = 3 standard errors of its move):',
    '',
    ...verdict.lines,
    '',
    verdict.outcome,
    '',
  ].join('\n');
  console.log(`\n${verdict.lines.join('\n')}\n\n${verdict.outcome}`);
  const json = writeSamples(started, plan, samples, verdict.outcome);
  const markdown = writeResult(timestampedName('soak', started, 'md'), text);
  console.log(`wrote ${markdown} and ${json}`);
  return verdict.exitCode;
}

/** Writes bench-results/soak-<start time>.json (again after every sample) and returns its path. */
function writeSamples(started: Date, plan: Plan, samples: readonly SoakSample[], outcome: string): string {
  const json = { started, ...plan, samples, outcome };
  return writeJsonResult('soak', json, started);
}

/** `--judge FILE`: the verdict on a saved run's samples again (after a change of noise bands). */
function rejudge(file: string): number {
  const { samples } = JSON.parse(readFileSync(file, 'utf8')) as { samples: SoakSample[] };
  // JSON turns the missing tensor count of step 0 (NaN) into null.
  const restored = samples.map((s) => ({ ...s, tensors: s.tensors ?? NaN }));
  const verdict = verdictOf(restored, null);
  console.log(
    [tableHeader(), ...restored.map(tableRow), '', ...verdict.lines, '', verdict.outcome].join('\n'),
  );
  return verdict.exitCode;
}
