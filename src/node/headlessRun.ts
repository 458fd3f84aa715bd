import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { subsetImages } from '../cpc/data/imageSet';
import { compareWithRandomInit, PROBE_TRAIN_LIMIT, type ProbeComparison } from '../cpc/eval';
import { resolveGeometry } from '../cpc/geometry';
import { CpcTrainer, type StepMetrics } from '../cpc/train/trainer';
import { initNodeBackend } from './nodeBackend';
import { loadRunnerData } from './runnerData';
import type { TrainArgs } from './trainArgs';

/** Steps averaged into the report's final loss and accuracy. */
export const REPORT_WINDOW = 50;

export interface HeadlessReport {
  steps: number;
  /** Mean over the last REPORT_WINDOW steps. */
  loss: number;
  cpcAccuracy: number;
  /** Test accuracies as fractions; null when the data has no labels. */
  probe: ProbeComparison | null;
  backend: string;
  msPerStep: number;
  nonFiniteSteps: number;
  data: string;
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
  const { errors, warnings } = resolveGeometry(args.config);
  if (errors.length > 0) throw new Error(`Invalid config: ${errors.join(' ')}`);
  for (const issue of args.configIssues)
    log(`config: ignored ${issue.key}=${JSON.stringify(issue.value)} (${issue.reason}); using the default`);
  for (const warning of warnings) log(`config: ${warning}`);
  const backend = await initNodeBackend(args.backend);
  const data = await loadRunnerData(args.data, args.config);
  for (const s of data.skipped) log(`skipped ${s.path}: ${s.reason}`);
  log(`data: ${data.description}; ${data.train.count} training images; backend ${backend}`);
  await mkdir(args.out, { recursive: true });

  const trainer = new CpcTrainer(args.config, data.train);
  try {
    const history = await trainLoop(trainer, args, log);
    const last = history.slice(-REPORT_WINDOW);
    const probe = data.test?.labels ? await runProbe(trainer, data.train, data.test, log) : null;
    const report: HeadlessReport = {
      steps: args.steps,
      loss: mean(last.map((m) => m.loss)),
      cpcAccuracy: mean(last.map((m) => m.accuracy)),
      probe,
      backend,
      msPerStep: history.msPerStep,
      nonFiniteSteps: history.filter((m) => !m.finite).length,
      data: data.description,
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
  train: Parameters<typeof subsetImages>[0],
  test: Parameters<typeof subsetImages>[0],
  log: (line: string) => void,
) {
  const probeTrain =
    train.count > PROBE_TRAIN_LIMIT
      ? subsetImages(
          train,
          Int32Array.from({ length: PROBE_TRAIN_LIMIT }, (_, i) => i),
        )
      : train;
  const result = await compareWithRandomInit(trainer.model, probeTrain, test);
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  log(
    `probe (${probeTrain.count} train / ${test.count} test images): linear ${pct(result.cpc.linear)} vs random-init ${pct(result.randomInit.linear)}; kNN ${pct(result.cpc.knn)} vs ${pct(result.randomInit.knn)}`,
  );
  return result;
}

function mean(values: number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}
