/**
 * npm run bench -- soak [--steps 20000] [--every 1000] [--port N] [--out-dir dist-bench] [--no-build]
 * npm run bench -- soak --judge soak-results/soak-<time>.json
 * npm run bench -- soak --origin http://localhost:4173   (a page already served: no build, no preview)
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
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from '@playwright/test';
import { buildApp, launchChromium, startPreview, type PreviewServer } from './bench/server';
import { readProgress, sampleOnce, type SoakSample } from './soak/sample';
import { tableHeader, tableRow } from './soak/table';
import { verdictOf } from './soak/verdict';

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
const AUTOSAVE_EVERY = 200;
const POLL_MS = 500;

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
