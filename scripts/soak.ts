/**
 * npm run soak [-- --steps 20000] [--every 1000] [--port N] [--out-dir dist-bench] [--no-build]
 * npm run soak -- --judge soak-results/soak-<time>.json
 * npm run soak -- --origin http://localhost:4173   (a page already served: no build, no preview)
 *
 * A lesson's worth of training in the real page, checked for leaks. Builds the app (or serves the
 * existing `--out-dir` build with `--no-build`), previews it, opens the page on WASM with the Default
 * preset as a student would find it (autosave every 200 steps, the learned panels shown and refreshing,
 * probes every 500 steps), presses Start and trains `--steps` steps. Every `--every` steps it samples:
 * the worker's tensor count; the worker's and the page's JS heap after a full GC (and the worker's
 * ArrayBuffers, WASM memory among them; the page's DOM heap and node count); the IndexedDB usage and the runs stored there; steps/s and the
 * renderer's CPU ms per step since the previous sample; the renderer's resident memory.
 *
 * Verdict (scripts/lib/flatness.ts): over the second half of the run every series must be flat within
 * its noise band. A slower steps/s with a flat CPU time per step is the machine getting busier (other
 * processes on the cores): a warning, not a failure. Exits 1 on a leak or a slowdown, 2 when the run
 * itself failed. The table and verdict go to soak-results/soak-<time>.{md,json}; `--judge` judges a
 * saved run's samples again without training (the JSON is written after every sample, so also a run
 * stopped early).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { rendererBytes, rendererCpuSeconds } from './bench/rendererMemory';
import { buildApp, launchChromium, startPreview, type PreviewServer } from './bench/server';
import { judgeFlat, type Flatness, type NoiseBand } from './lib/flatness';
import { pageHeapUsage, workerHeapUsage } from './lib/heapUsage';

const { values: options } = parseArgs({
  options: {
    steps: { type: 'string', default: '20000' },
    every: { type: 'string', default: '1000' },
    port: { type: 'string' },
    'out-dir': { type: 'string', default: 'dist-bench' },
    'no-build': { type: 'boolean', default: false },
    judge: { type: 'string' },
    origin: { type: 'string' },
  },
});
const STEPS = Number(options.steps);
const EVERY = Number(options.every);
const RESULTS_DIR = 'soak-results';
const LOAD_TIMEOUT_MS = 600_000;
const WORKER_SCRIPT = 'training.worker';
const MIB = 2 ** 20;
const AUTOSAVE_EVERY = 200;
const POLL_MS = 500;

interface SoakSample {
  step: number;
  /** Since Start was pressed. */
  seconds: number;
  tensors: number;
  workerHeap: number;
  workerBuffers: number;
  pageHeap: number;
  /** Blink's heap on the page (DOM nodes, styles), and the nodes in the document. */
  pageDom: number;
  domNodes: number;
  /** navigator.storage.estimate() usage: IndexedDB's files for this origin. */
  storage: number;
  savedRuns: number;
  /** Step of the newest saved run: autosave keeping up. */
  savedStep: number;
  /** Since the previous sample; null for the first. */
  stepsPerSecond: number | null;
  cpuMsPerStep: number | null;
  rendererRss: number | null;
  /** The machine's 1-minute load average, to read steps/s against. */
  load: number;
  /** Renderer CPU seconds so far (for the next sample's CPU ms/step). */
  cpuSeconds: number | null;
}

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

async function main(): Promise<number> {
  if (!(STEPS > 0 && EVERY > 0 && STEPS / EVERY >= 4))
    throw new Error('--steps must be at least 4 × --every (the verdict needs 3 samples after warm-up)');
  const server = options.origin ? { origin: options.origin, stop: () => {} } : await buildAndPreview();
  const browser = await launchChromium();
  const started = new Date();
  const samples: SoakSample[] = [];
  let failure: string | null = null;
  try {
    const page = await openLesson(browser, server.origin);
    await soak(browser, page, samples, () => writeSamples(started, samples, 'running'));
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  } finally {
    await browser.close();
    server.stop();
  }
  return report(started, samples, failure);
}

async function buildAndPreview(): Promise<PreviewServer> {
  if (!options['no-build']) buildApp(options['out-dir']);
  return startPreview(options['out-dir'], options.port ? Number(options.port) : undefined);
}

/** The page as a lesson has it, checked rather than assumed: WASM, Default preset, autosave, panels. */
async function openLesson(browser: Browser, origin: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(`${origin}/?backend=wasm`);
  await page.locator('[data-testid="status"][data-state="paused"]').waitFor({ timeout: LOAD_TIMEOUT_MS });
  // Autosave lives in the Saved runs dialog: set it as a teacher would (the default is the same), close it.
  await page.getByTestId('runs-button').click();
  await page.getByTestId('autosave-every').fill(String(AUTOSAVE_EVERY));
  const autosaveEvery = await page.getByTestId('autosave-every').inputValue();
  await page.getByRole('button', { name: 'Close saved runs' }).click();
  const setup = await page.evaluate<Record<string, string | null>>(`({
    preset: document.querySelector('[data-testid="preset"]')?.value ?? null,
    refreshEvery: document.querySelector('[data-testid="visualisation-rate"]')?.value ?? null,
    probeEvery: document.querySelector('[data-testid="probe-every"]')?.value ?? null,
    learnedShown: document.querySelector('[data-testid="toggle-panel-learned"]')?.getAttribute('aria-pressed') ?? null,
    backend: document.querySelector('[data-testid="backend"]')?.textContent ?? null,
  })`);
  console.log(`page: ${JSON.stringify({ ...setup, autosaveEvery })}`);
  if (setup.preset !== 'default') throw new Error(`preset is ${setup.preset}, not default`);
  if (Number(autosaveEvery) !== AUTOSAVE_EVERY) throw new Error('autosave is off');
  if (!(Number(setup.refreshEvery) > 0)) throw new Error('the learned panels do not refresh while training');
  if (setup.learnedShown !== 'true') throw new Error('the learned panels are hidden');
  return page;
}

/** `onSample`: after each sample, so that a run stopped early still leaves its samples to judge. */
async function soak(
  browser: Browser,
  page: Page,
  samples: SoakSample[],
  onSample: () => void,
): Promise<void> {
  const startedAt = Date.now();
  console.log(tableHeader());
  const take = async () => {
    const sample = await sampleOnce(browser, page, startedAt, samples[samples.length - 1] ?? null);
    samples.push(sample);
    console.log(tableRow(sample));
    onSample();
  };
  await take();
  await page.getByTestId('start').click();
  await page.locator('[data-testid="status"][data-state="running"]').waitFor();
  for (let next = EVERY; next <= STEPS; next += EVERY) {
    // Polled from here: the page's CSP forbids the eval behind a string waitForFunction.
    let progress = await readProgress(page);
    while (progress.step < next && progress.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      progress = await readProgress(page);
    }
    if (progress.state !== 'running')
      throw new Error(`the run stopped by itself at step ${progress.step} (${progress.state})`);
    await take();
  }
  await page.getByTestId('pause').click();
}

function readProgress(page: Page): Promise<{ step: number; state: string | undefined }> {
  return page.evaluate(`({
    step: Number(document.querySelector('[data-testid="step-count"]').textContent),
    state: document.querySelector('[data-testid="status"]').dataset.state,
  })`);
}

async function sampleOnce(
  browser: Browser,
  page: Page,
  startedAt: number,
  previous: SoakSample | null,
): Promise<SoakSample> {
  const at = Date.now();
  const step = Number(await page.getByTestId('step-count').textContent());
  const cpuSeconds = rendererCpuSeconds();
  const tensorsText = (await page.getByTestId('tensors').textContent()) ?? '';
  const worker = await workerHeapUsage(browser, WORKER_SCRIPT);
  if (!worker) throw new Error('the training worker is gone');
  const pageHeap = await pageHeapUsage(page);
  const stored = await storedRuns(page);
  const sinceSteps = previous ? step - previous.step : 0;
  return {
    step,
    seconds: (at - startedAt) / 1000,
    // Before the first step the page shows '–': the worker then holds only its model's variables.
    tensors: /^\d+/.test(tensorsText) ? Number(/^\d+/.exec(tensorsText)?.[0]) : NaN,
    workerHeap: worker.usedBytes,
    workerBuffers: worker.backingBytes,
    pageHeap: pageHeap.usedBytes,
    pageDom: pageHeap.embedderBytes,
    domNodes: await page.evaluate<number>(`document.getElementsByTagName('*').length`),
    ...stored,
    stepsPerSecond:
      previous && sinceSteps > 0 ? sinceSteps / ((at - startedAt) / 1000 - previous.seconds) : null,
    cpuMsPerStep:
      previous && sinceSteps > 0 && cpuSeconds !== null && previous.cpuSeconds !== null
        ? ((cpuSeconds - previous.cpuSeconds) * 1000) / sinceSteps
        : null,
    rendererRss: rendererBytes(),
    load: loadavg()[0],
    cpuSeconds,
  };
}

/**
 * The origin's storage usage and the runs in the page's store. The database is opened only once the
 * page has created it: opening it first would create it without its object stores.
 */
function storedRuns(page: Page): Promise<{ storage: number; savedRuns: number; savedStep: number }> {
  return page.evaluate(`(async () => {
    const { usage } = await navigator.storage.estimate();
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('cpc-playground-runs')) return { storage: usage, savedRuns: 0, savedStep: 0 };
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('cpc-playground-runs');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const runs = await new Promise((resolve, reject) => {
      const request = db.transaction('summaries').objectStore('summaries').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return { storage: usage, savedRuns: runs.length, savedStep: Math.max(0, ...runs.map((r) => r.step)) };
  })()`);
}

const COLUMNS = [
  'step',
  'min',
  'steps/s',
  'CPU ms/step',
  'tensors',
  'worker heap MB',
  'worker buffers MB',
  'page heap MB',
  'page DOM MB',
  'DOM nodes',
  'IndexedDB MB',
  'runs (saved step)',
  'renderer RSS MB',
  'load',
];

function tableHeader(): string {
  return `| ${COLUMNS.join(' | ')} |\n|${COLUMNS.map(() => '---:|').join('')}`;
}

function tableRow(s: SoakSample): string {
  const mb = (bytes: number | null | undefined) =>
    typeof bytes === 'number' ? (bytes / 1e6).toFixed(1) : '–';
  const cells = [
    String(s.step),
    (s.seconds / 60).toFixed(1),
    s.stepsPerSecond === null ? '–' : s.stepsPerSecond.toFixed(2),
    s.cpuMsPerStep === null ? '–' : s.cpuMsPerStep.toFixed(0),
    Number.isNaN(s.tensors) ? '–' : String(s.tensors),
    mb(s.workerHeap),
    mb(s.workerBuffers),
    mb(s.pageHeap),
    mb(s.pageDom),
    s.domNodes === undefined ? '–' : String(s.domNodes),
    mb(s.storage),
    `${s.savedRuns} (${s.savedStep})`,
    mb(s.rendererRss),
    s.load.toFixed(1),
  ];
  return `| ${cells.join(' | ')} |`;
}

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

interface Verdict {
  lines: string[];
  outcome: string;
  exitCode: number;
}

function verdictOf(samples: readonly SoakSample[], failure: string | null): Verdict {
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

function report(started: Date, samples: readonly SoakSample[], failure: string | null): number {
  const verdict = verdictOf(samples, failure);
  const text = [
    `# Soak: Default preset on WASM, ${samples[samples.length - 1]?.step ?? 0} of ${STEPS} steps, sampled every ${EVERY}`,
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
  const base = writeSamples(started, samples, verdict.outcome);
  writeFileSync(`${base}.md`, text);
  console.log(`wrote ${base}.md and .json`);
  return verdict.exitCode;
}

/** Writes soak-results/soak-<start time>.json and returns its path without the extension. */
function writeSamples(started: Date, samples: readonly SoakSample[], outcome: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const base = join(RESULTS_DIR, `soak-${started.toISOString().replace(/[:.]/g, '-')}`);
  const json = { started, steps: STEPS, every: EVERY, samples, outcome };
  writeFileSync(`${base}.json`, `${JSON.stringify(json, null, 2)}\n`);
  return base;
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

process.exitCode = options.judge ? rejudge(options.judge) : await main();
