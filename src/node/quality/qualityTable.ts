import { IMAGE_FEATURE_INFO, type ImageFeature } from '../../cpc/model/imageFeatures';
import type { HeadlessReport } from '../headlessRun';
import type { QualityRun } from './qualityPlan';

/** One finished run of the benchmark. */
export interface QualityResult extends QualityRun {
  report: HeadlessReport;
}

/** The supervised-from-scratch row of a data set. */
export interface SupervisedRow {
  data: string;
  testAccuracy: number;
  epochs: number;
  steps: number;
  minutes: number;
  trainImages: number;
}

/** Marks the end of the generated part of docs/quality.md: what follows is kept on regeneration. */
export const NOTES_MARKER =
  '<!-- notes: everything below this line is kept when the tables are regenerated -->';

const pct = (v: number | undefined) =>
  v === undefined || Number.isNaN(v) ? '–' : `${(100 * v).toFixed(1)}%`;
const minutes = (m: number) => m.toFixed(1);

/** The reproduction command of one run. */
export function reproduceCommand(run: QualityRun): string {
  return `npm run train -- --data ${run.data} --preset ${run.preset} --steps ${run.steps} --out runs/${run.data}-${run.preset}`;
}

/** The generated part of docs/quality.md. */
export function qualityMarkdown(results: QualityResult[], supervised: SupervisedRow[], meta: string): string {
  const probed = results.filter((r) => r.report.probe);
  const feature = probed[0]?.report.probe?.feature;
  const lines = [
    '# Learning quality',
    '',
    meta,
    '',
    `Each row trains one preset on one data set with \`npm run train\` (no \`--config\`: the size, grid and`,
    'channels are fitted to the data), then probes frozen features of the trained encoder, of a',
    'random-init encoder of the same config, and raw pixels, on the same images: a seeded random 2,000 of',
    'the training images and every held-out test image. Linear = multinomial logistic regression (standardised,',
    '300 full-batch Adam steps); kNN = cosine, k = 20. Batch-norm statistics are re-estimated for both encoders.',
    '',
    `## Headline feature: ${feature ? IMAGE_FEATURE_INFO[feature].title : '–'}`,
    '',
    '| data | preset | steps | train min | CPC linear | random init linear | pixels linear | CPC kNN | random init kNN | pixels kNN |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...probed.map(({ data, preset, steps, report }) => {
      const p = report.probe!;
      return `| ${data} | ${preset} | ${steps} | ${minutes(report.trainMinutes)} | **${pct(p.cpc.linear)}** | ${pct(p.randomInit.linear)} | ${pct(p.pixels?.linear)} | ${pct(p.cpc.knn)} | ${pct(p.randomInit.knn)} | ${pct(p.pixels?.knn)} |`;
    }),
    ...supervised.map(
      (s) =>
        `| ${s.data} | supervised from scratch: same encoder and head, ${s.trainImages} labels, ${s.epochs} epochs | ${s.steps} | ${minutes(s.minutes)} | **${pct(s.testAccuracy)}** | | | | | |`,
    ),
    '',
    '## Every feature',
    '',
    '| data | preset | feature | CPC linear | random init linear | CPC kNN | random init kNN |',
    '|---|---|---|---|---|---|---|',
    ...probed.flatMap(({ data, preset, report }) =>
      Object.entries(report.probe!.features).map(
        ([f, s]) =>
          `| ${data} | ${preset} | ${IMAGE_FEATURE_INFO[f as ImageFeature].title} | ${pct(s?.cpc.linear)} | ${pct(s?.randomInit.linear)} | ${pct(s?.cpc.knn)} | ${pct(s?.randomInit.knn)} |`,
      ),
    ),
    '',
    '## Reproduce a row',
    '',
    '```sh',
    ...results.map(reproduceCommand),
    '```',
    '',
    'A supervised row: `npm run bench -- quality --datasets <data> --presets default` runs it after the',
    "data set's first CPC run (`--supervised-epochs N`). `--resume` adds runs to the same table.",
    '',
    NOTES_MARKER,
  ];
  return lines.join('\n') + '\n';
}

/** Replaces the generated part of an existing document, keeping its notes. */
export function withKeptNotes(generated: string, existing: string | null): string {
  if (!existing) return generated;
  const at = existing.indexOf(NOTES_MARKER);
  return at < 0 ? generated : generated + existing.slice(at + NOTES_MARKER.length + 1);
}
