import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CpcConfig } from '../cpc/config';
import { seededSubset, type ImageSet } from '../cpc/data/imageSet';
import { compareWithRandomInit, PROBE_TRAIN_LIMIT, type ProbeComparison } from '../cpc/eval';
import { resolveGeometry, type GridGeometry } from '../cpc/geometry';
import { IMAGE_FEATURES } from '../cpc/model/imageFeatures';
import { createRng } from '../cpc/random';
import { CpcTrainer, type StepMetrics } from '../cpc/train/trainer';
import { initNodeBackend } from './nodeBackend';
import { loadRunnerData } from './runnerData';
import type { TrainArgs } from './trainArgs';

/** Steps averaged into the report's final loss and accuracy. */
export const REPORT_WINDOW = 50;

/** Keeps the probe's image draw apart from the trainer's streams (which fork from seed + 1 + step). */
const PROBE_SEED_OFFSET = 0x9e0be;

/** The runner's probe: every image feature, raw pixels, and how many images it used. */
export interface RunnerProbe extends ProbeComparison {
  trainImages: number;
  testImages: number;
}

export interface HeadlessReport {
  steps: number;
  /** Mean over the last REPORT_WINDOW steps. */
  loss: number;
  cpcAccuracy: number;
  /** Test accuracies as fractions; null when the data has no labels. `cpc`/`randomInit` are `feature`'s. */
  probe: RunnerProbe | null;
  backend: string;
  msPerStep: number;
  /** Wall-clock minutes of the training loop alone (the probe not included). */
  trainMinutes: number;
  nonFiniteSteps: number;
  data: string;
  /** The full config the run used. */
  config: CpcConfig;
  geometry: Pick<GridGeometry, 'grid' | 'patchSize' | 'stride' | 'ks' | 'directions'>;
}

export const OUTPUT_FILES = {
  metrics: 'metrics.jsonl',
  report: 'report.json',
  checkpoint: 'checkpoint.cpc.zip',
} as const;

/**
 * The headless runner: the same core as the playground, in Node. Writes metrics.jsonl (one line per
 * logged window), report.json and a checkpoint the playground can load.
 */
export async function runHeadless(args: TrainArgs, log: (line: string) => void): Promise<HeadlessReport> {
  if (args.configGiven) checkGeometry(args.config, log);
  for (const issue of args.configIssues)
    log(`config: ignored ${issue.key}=${JSON.stringify(issue.value)} (${issue.reason}); using the default`);
  const backend = await initNodeBackend(args.backend);
  const data = await loadRunnerData(args.data, args.config, !args.configGiven);
  for (const s of data.skipped) log(`skipped ${s.path}: ${s.reason}`);
  for (const reason of data.configReasons) log(`config: ${reason}`);
  if (!args.configGiven) checkGeometry(data.config, log);
  log(`data: ${data.description}; ${data.train.count} training images; backend ${backend}`);
  await mkdir(args.out, { recursive: true });

  const trainer = new CpcTrainer(data.config, data.train);
  try {
    const history = await trainLoop(trainer, args, log);
    const last = history.slice(-REPORT_WINDOW);
    const probe = data.test?.labels ? await runProbe(trainer, data.train, data.test, log) : null;
    const { grid, patchSize, stride, ks, directions } = trainer.model.geometry;
    const report: HeadlessReport = {
      steps: args.steps,
      loss: mean(last.map((m) => m.loss)),
      cpcAccuracy: mean(last.map((m) => m.accuracy)),
      probe,
      backend,
      msPerStep: history.msPerStep,
      trainMinutes: (history.msPerStep * args.steps) / 60_000,
      nonFiniteSteps: history.filter((m) => !m.finite).length,
      data: data.description,
      config: trainer.currentConfig,
      geometry: { grid, patchSize, stride, ks, directions },
    };
    await writeFile(join(args.out, OUTPUT_FILES.report), JSON.stringify(report, null, 2) + '\n');
    const checkpoint = await trainer.saveCheckpoint({ data: args.data, report });
    await writeFile(join(args.out, OUTPUT_FILES.checkpoint), checkpoint);
    log(
      `wrote ${OUTPUT_FILES.metrics}, ${OUTPUT_FILES.report}, ${OUTPUT_FILES.checkpoint} (${(checkpoint.length / 1024).toFixed(0)} KiB) to ${args.out}`,
    );
    return report;
  } finally {
    trainer.dispose();
  }
}

/** Throws on a config that cannot train; logs its warnings. */
function checkGeometry(config: CpcConfig, log: (line: string) => void): void {
  const { errors, warnings } = resolveGeometry(config);
  if (errors.length > 0) throw new Error(`Invalid config: ${errors.join(' ')}`);
  for (const warning of warnings) log(`config: ${warning}`);
}

/**
 * The labelled training images the runner's probe (and the quality benchmark's supervised row) use: a
 * seeded random subset, since folders are sorted by class and the first images could miss whole classes.
 */
export function probeTrainImages(train: ImageSet, seed: number): ImageSet {
  return seededSubset(train, PROBE_TRAIN_LIMIT, createRng(seed + PROBE_SEED_OFFSET));
}

type History = StepMetrics[] & { msPerStep: number };

async function trainLoop(
  trainer: CpcTrainer,
  args: TrainArgs,
  log: (line: string) => void,
): Promise<History> {
  const history = [] as unknown as History;
  const lines: string[] = [];
  const start = performance.now();
  for (let i = 1; i <= args.steps; i++) {
    const m = await trainer.trainStep();
    history.push(m);
    if (!m.finite) log(`step ${m.step}: loss is ${m.loss}; the update was skipped (learning rate too high?)`);
    if (i % args.logEvery === 0 || i === args.steps) {
      const window = history.slice(-args.logEvery).filter((r) => r.finite);
      const row = {
        step: m.step,
        loss: mean(window.map((r) => r.loss)),
        accuracy: mean(window.map((r) => r.accuracy)),
        lossPerK: m.ks.map((_, k) => mean(window.map((r) => r.lossPerK[k]))),
        accuracyPerK: m.ks.map((_, k) => mean(window.map((r) => r.accuracyPerK[k]))),
        ks: m.ks,
        learningRate: m.learningRate,
        gradNorm: m.gradNorm,
        elapsedMs: Math.round(performance.now() - start),
      };
      lines.push(JSON.stringify(row));
      log(
        `step ${row.step}/${args.steps}  loss ${row.loss.toFixed(4)}  cpc acc ${row.accuracy.toFixed(3)}  lr ${row.learningRate.toExponential(2)}  ${((performance.now() - start) / i).toFixed(0)} ms/step`,
      );
    }
  }
  history.msPerStep = (performance.now() - start) / args.steps;
  await writeFile(join(args.out, OUTPUT_FILES.metrics), lines.join('\n') + '\n');
  return history;
}

async function runProbe(
  trainer: CpcTrainer,
  train: ImageSet,
  test: ImageSet,
  log: (line: string) => void,
): Promise<RunnerProbe> {
  const probeTrain = probeTrainImages(train, trainer.currentConfig.seed);
  const result = await compareWithRandomInit(trainer.model, probeTrain, test, { features: IMAGE_FEATURES });
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  log(`probe (${probeTrain.count} train / ${test.count} test images), linear / kNN:`);
  log(`  pixels: ${pct(result.pixels!.linear)} / ${pct(result.pixels!.knn)}`);
  for (const [feature, scores] of Object.entries(result.features)) {
    const mark = feature === result.feature ? ' (default)' : '';
    log(
      `  ${feature}${mark}: CPC ${pct(scores.cpc.linear)} / ${pct(scores.cpc.knn)}, random init ${pct(scores.randomInit.linear)} / ${pct(scores.randomInit.knn)}`,
    );
  }
  return { ...result, trainImages: probeTrain.count, testImages: test.count };
}

function mean(values: number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}
