import { parseArgs } from 'node:util';
import type { PresetId } from '../../cpc/presets';
import { PRESETS } from '../../cpc/presets';

/** The data sets the quality benchmark trains on (built-in or generated). */
export const QUALITY_DATASETS = ['fashion-mnist', 'mnist', 'synthetic', 'textures'] as const;
export type QualityDataset = (typeof QUALITY_DATASETS)[number];

/** One training run of the benchmark: a preset on a data set for some steps. */
export interface QualityRun {
  data: QualityDataset;
  preset: PresetId;
  steps: number;
}

export interface QualityOptions {
  runs: QualityRun[];
  /** Epochs of the supervised-from-scratch row per data set; 0 = no such row. */
  supervisedEpochs: number;
  out: string;
  /** Keep the runs of earlier invocations (in `results`) and skip those done already. */
  resume: boolean;
  /** Where finished runs are kept, for --resume. */
  results: string;
}

/** Steps per run unless --steps says otherwise: the goals for the light presets, less for the heavy. */
export function defaultSteps(data: QualityDataset, preset: PresetId): number {
  if (preset === 'keras-cpc' || preset === 'cpc-v2') return 300;
  return data === 'textures' ? 1500 : 2000;
}

export const QUALITY_USAGE = `npm run bench -- quality [options]
  --datasets LIST     ${QUALITY_DATASETS.join(',')} (default all)
  --presets LIST      ${PRESETS.map((p) => p.id).join(',')} (default: default,quick-demo)
  --steps N           training steps of every run (default: 2000, 1500 on textures, 300 for keras-cpc and cpc-v2)
  --supervised-epochs N   the supervised-from-scratch row (default 40; 0 = leave it out)
  --out FILE          the table (default docs/quality.md; text below its notes marker is kept)
  --resume            add to the runs of earlier invocations (see --results), skipping those already
                      done: several invocations build one table
  --results FILE      where finished runs are kept (default runs/quality/results.json)`;

export function parseQualityArgs(argv: string[]): QualityOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      datasets: { type: 'string' },
      presets: { type: 'string' },
      steps: { type: 'string' },
      'supervised-epochs': { type: 'string' },
      out: { type: 'string' },
      resume: { type: 'boolean' },
      results: { type: 'string' },
    },
    strict: true,
  });
  const datasets = list(values.datasets, QUALITY_DATASETS, 'datasets') ?? [...QUALITY_DATASETS];
  const ids = PRESETS.map((p) => p.id);
  const presets = list(values.presets, ids, 'presets') ?? (['default', 'quick-demo'] as PresetId[]);
  const steps = values.steps === undefined ? null : whole(values.steps, '--steps', 1);
  const runs = datasets.flatMap((data) =>
    presets.map((preset) => ({ data, preset, steps: steps ?? defaultSteps(data, preset) })),
  );
  return {
    runs,
    supervisedEpochs: whole(values['supervised-epochs'] ?? '40', '--supervised-epochs', 0),
    out: values.out ?? 'docs/quality.md',
    resume: values.resume ?? false,
    results: values.results ?? 'runs/quality/results.json',
  };
}

function list<T extends string>(text: string | undefined, allowed: readonly T[], name: string): T[] | null {
  if (text === undefined) return null;
  const items = text.split(',').map((s) => s.trim());
  const bad = items.filter((s) => !(allowed as readonly string[]).includes(s));
  if (bad.length > 0)
    throw new Error(`--${name}: unknown ${bad.join(', ')}; choose from ${allowed.join(', ')}.`);
  return items as T[];
}

function whole(text: string, flag: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${flag} must be a whole number ≥ ${min}, got '${text}'.`);
  return n;
}
