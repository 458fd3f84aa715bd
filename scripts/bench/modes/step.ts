/**
 * npm run bench [-- step] [options]  (options: scripts/bench/stepOptions.ts, or `npm run bench -- --help`)
 *
 * The performance harness of issue 6. Per backend and workload (three presets and the reference
 * workload), it trains with the real engine: in headless Chromium through the training worker
 * (src/bench/page.html), and in Node as the headless runner does. It reports ms/step (median, p10–p90 after
 * warm-up), images/s, time from init to the first step, the warm-up step, the tensor count after the
 * first and the last step, and the kernels of one more step (tf.profile, after the timed ones); the
 * longest main-thread task while training in the real UI; the import time of 1,000 generated images;
 * and, where PyTorch is installed, its ms/step on the same workloads (the ratio is printed per cell) and
 * a loss check against the engine on the same weights and batch.
 * Prints tables and writes everything to bench-results/bench-<time>.json.
 */
import { cpus } from 'node:os';
import type { Browser } from '@playwright/test';
import type { CellFailure, CellResult, CellSkipped, CellSpec } from '../../../src/bench/cell';
import { workloadConfig, type WorkloadId } from '../../../src/bench/workloads';
import { openApp } from '../app';
import { runBrowserCell } from '../browserCell';
import { benchImport, type ImportResult } from '../importImages';
import { runNodeCell } from '../nodeCell';
import { parseOptions, slowCellReason, type BenchOptions, type Variant } from '../stepOptions';
import {
  findTorch,
  LOSS_TOLERANCE,
  referenceSupports,
  runReference,
  type ReferenceResult,
} from '../reference';
import { writeJsonResult } from '../results';
import {
  cellTable,
  importLine,
  isolationLine,
  referenceTable,
  slowestLines,
  uiLine,
  variantName,
} from '../table';
import { openPlayground, trainInUi, type TrainingWindow } from '../uiTraining';

export { USAGE } from '../stepOptions';

/** Synthetic images per cell: enough for several batches of every workload without repeats. */
const IMAGE_COUNT = 256;

interface Results {
  date: string;
  label: string;
  machine: { cpus: number; cpuModel: string; node: string };
  options: BenchOptions;
  cells: (CellResult | CellFailure | CellSkipped)[];
  reference: ReferenceResult[] | { skipped: string };
  ui: TrainingWindow | { error: string } | null;
  import: ImportResult | { error: string } | null;
  /** Wall time of each part, in seconds. */
  seconds: Record<string, number>;
}

export async function run(argv: string[]): Promise<void> {
  const options = parseOptions(argv);
  const results: Results = {
    date: new Date().toISOString(),
    label: options.label,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', node: process.version },
    options,
    cells: [],
    reference: { skipped: 'not asked for' },
    ui: null,
    import: null,
    seconds: {},
  };
  const timed: Timed = async (part, work) => {
    const started = performance.now();
    const result = await work();
    results.seconds[part] = Math.round((performance.now() - started) / 100) / 10;
    console.log(`— ${part} done in ${results.seconds[part]} s`);
    return result;
  };
  const references = new Map<string, ReferenceResult>();
  const started = performance.now();
  if (options.reference) await timed('reference', () => reference(options, results, references));
  if (options.node) await timed('node cells', () => nodeCells(options, results));
  if (options.browser) await browserParts(options, results, timed);
  results.seconds.total = Math.round((performance.now() - started) / 100) / 10;
  printSummary(results, references);
  const file = writeJsonResult('bench', results, new Date(results.date));
  const seconds = Object.entries(results.seconds).map(([part, s]) => `${part} ${s} s`);
  console.log(`\nwrote ${file} (${seconds.join(', ')})`);
}

type Timed = <T>(part: string, work: () => Promise<T>) => Promise<T>;

function printSummary(results: Results, references: ReadonlyMap<string, ReferenceResult>): void {
  console.log(`\n${cellTable(results.cells, references)}`);
  console.log(isolationLine(results.cells));
  console.log(
    '* stopped by the time budget (--budget) before --steps; ms/step drops the first tenth of the steps (≤ 5).',
  );
  for (const line of slowestLines(results.cells)) console.log(line);
  if (references.size > 0)
    console.log(
      `\nPyTorch reference (loss check: ≤ ${LOSS_TOLERANCE} relative)\n${referenceTable(references)}`,
    );
  else if ('skipped' in results.reference)
    console.log(`\nPyTorch reference skipped: ${results.reference.skipped}`);
  if (results.ui)
    console.log('error' in results.ui ? `real UI: failed: ${results.ui.error}` : uiLine(results.ui));
  if (results.import)
    console.log(
      'error' in results.import ? `import: failed: ${results.import.error}` : importLine(results.import),
    );
}

/** Every backend × workload × variant of one runtime, in the order the table shows them. */
function cellSpecs(options: BenchOptions, backends: readonly string[]): CellSpec[] {
  return backends.flatMap((backend) =>
    options.workloads.flatMap((workload) =>
      options.variants.map((variant) => cellSpec(options, workload, variant, backend)),
    ),
  );
}

function cellSpec(options: BenchOptions, workload: WorkloadId, variant: Variant, backend: string): CellSpec {
  return {
    workload,
    variant: variant.name,
    backend,
    config: workloadConfig(workload, variant.overrides),
    imageCount: IMAGE_COUNT,
    ...options.budget,
  };
}

async function reference(
  options: BenchOptions,
  results: Results,
  references: Map<string, ReferenceResult>,
): Promise<void> {
  const torch = findTorch();
  if ('missing' in torch) {
    results.reference = { skipped: torch.missing };
    return;
  }
  console.log(`PyTorch ${torch.version} (${torch.python})`);
  const done: ReferenceResult[] = [];
  for (const spec of cellSpecs(options, ['torch'])) {
    const { config } = spec;
    const name = variantName(spec);
    if (!referenceSupports(config)) {
      console.log(
        `torch ${name}: not implemented in reference_cpc.py (${config.encoder} + ${config.context})`,
      );
      continue;
    }
    try {
      const result = await runReference(torch.python, spec, options.torchThreads);
      references.set(name, result);
      done.push(result);
      console.log(
        `torch ${name}: ${result.speed.msPerStep.median.toFixed(1)} ms/step (${result.threads} threads); ` +
          `loss tfjs ${result.correctness.tfjsLoss} vs torch ${result.correctness.torchLoss} ` +
          `(${result.correctness.lossRelativeError.toExponential(1)} relative: ${result.lossMatches ? 'ok' : 'MISMATCH'})`,
      );
    } catch (error) {
      console.log(`torch ${name}: failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  results.reference = done;
}

async function nodeCells(options: BenchOptions, results: Results): Promise<void> {
  for (const spec of cellSpecs(options, options.nodeBackends))
    results.cells.push(await measured('node', options, spec, runNodeCell));
}

async function browserParts(options: BenchOptions, results: Results, timed: Timed): Promise<void> {
  const opening = options.app.build ? 'build' : 'serve';
  // allow_unsafe_apis grants WebGPU's timestamp queries: the profiled step's kernels then have GPU times.
  const app = await timed(opening, () =>
    openApp(options.app, ['--enable-precise-memory-info', '--enable-dawn-features=allow_unsafe_apis']),
  );
  const { browser, origin } = app;
  try {
    await timed('browser cells', async () => {
      for (const spec of cellSpecs(options, options.browserBackends))
        results.cells.push(
          await measured('browser', options, spec, (cell) =>
            runBrowserCell(browser, origin, cell, options.cellTimeoutMs),
          ),
        );
    });
    if (options.ui)
      await timed('ui', async () => {
        results.ui = await attempt(() => uiLongTasks(browser, origin, options.uiSeconds));
      });
    if (options.importBench)
      await timed('import', async () => {
        results.import = await attempt(() => importImages(browser, origin, options));
      });
  } finally {
    await app.close();
  }
}

async function importImages(browser: Browser, origin: string, options: BenchOptions): Promise<ImportResult> {
  const page = await browser.newPage();
  try {
    const result = await benchImport(page, origin, options.importCount, ...options.importSize);
    console.log(importLine(result));
    return result;
  } finally {
    await page.close();
  }
}

/** The default preset on wasm in the playground itself, as a user trains it. */
async function uiLongTasks(browser: Browser, origin: string, seconds: number): Promise<TrainingWindow> {
  const page = await openPlayground(browser, `${origin}/?backend=wasm`);
  try {
    const window = await trainInUi(page, seconds, null);
    console.log(uiLine(window));
    return window;
  } finally {
    await page.close();
  }
}

/** Runs a cell, prints a line, and turns a failure into a row of the table instead of ending the run. */
async function measured(
  runtime: 'browser' | 'node',
  options: BenchOptions,
  spec: CellSpec,
  run: (spec: CellSpec) => Promise<CellResult>,
): Promise<CellResult | CellFailure | CellSkipped> {
  const name = `${runtime} ${spec.backend} ${variantName(spec)}`;
  const skipped = slowCellReason(options, spec.backend, spec.workload);
  if (skipped !== null) {
    console.log(`${name}: skipped (${skipped})`);
    return { runtime, workload: spec.workload, variant: spec.variant, backend: spec.backend, skipped };
  }
  try {
    const cell = await run(spec);
    console.log(
      `${name}: ${cell.msPerStep.median.toFixed(1)} ms/step over ${cell.steps} steps, first step after ` +
        `${(cell.initToFirstStepMs / 1000).toFixed(1)} s (${cell.backendDetail})`,
    );
    return cell;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(`${name}: failed: ${message}`);
    return { runtime, workload: spec.workload, variant: spec.variant, backend: spec.backend, error: message };
  }
}

async function attempt<T>(work: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await work();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
