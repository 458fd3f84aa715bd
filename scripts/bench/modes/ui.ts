/**
 * npm run bench -- ui [--mode backends|presets|longtasks|first-step] [options]  (USAGE below)
 *
 * The real page in headless Chromium, built and served by scripts/bench/app.ts. Numbers only: nothing
 * is asserted. `npm run bench` measures the same long tasks as one part of the whole benchmark.
 * - backends (default): per backend, opens the page (default preset on Fashion-MNIST), presses Start and
 *   trains, and prints the time from Start to the first step, steps/s, the longest main-thread task and
 *   the count of tasks over 50 ms, and the tensor count (scripts/bench/uiTraining.ts). `--steps N`: WASM
 *   trains until step N instead, then runs the probe; WebGPU (SwiftShader here) always trains for
 *   `--seconds`. `--trace` / `--profile`: a Chromium trace / main-thread CPU profile per backend in
 *   bench-results/. The JSON goes to bench-results/bench-ui-<time>.json.
 * - presets: steps/s of each preset on WASM, chosen through the preset picker.
 * - longtasks: the long tasks run after run, each with what ran in its frame (./uiLongTasks.ts).
 * - first-step: init → ready → first step per backend and config (./uiFirstStep.ts).
 */
import type { Browser, Page } from '@playwright/test';
import { listOption, numberOption, parseCommandLine } from '../../lib/cli';
import { openApp, type AppSession } from '../app';
import { APP_OPTIONS, APP_USAGE, appOptions } from '../appOptions';
import { BROWSER_BACKENDS } from '../stepOptions';
import { writeJsonResult, writeResult } from '../results';
import {
  describeWindow,
  openPlayground,
  trainInUi,
  waitUntilReady,
  type TrainingWindow,
} from '../uiTraining';
import { firstStepCases } from './uiFirstStep';
import { longTaskRuns } from './uiLongTasks';

const UI_MODES = ['backends', 'presets', 'longtasks', 'first-step'] as const;
const PRESET_IDS = ['default', 'quick-demo', 'keras-cpc', 'cpc-v2'] as const;
const LOAD_TIMEOUT_MS = 600_000;

export const USAGE = `npm run bench -- ui [options]: the real page in Chromium
  --mode M            backends (default), presets, longtasks or first-step
  --seconds S         training time per page (default 60; longtasks 20)
  --steps N           backends: WASM trains to step N, then probes; first-step: steps for the median (20)
  --backends LIST     backends: which (default wasm,webgpu)
  --trace --profile   backends: a Chromium trace / CPU profile per backend into bench-results/;
                      longtasks: --profile writes a CPU profile per run and its busy stretches
  --cpu               longtasks: the 8 longest tasks by main-thread CPU time (from a trace)
  --runs N            longtasks: runs (default 3)
  --preset ID         longtasks: train this preset (through the URL, as a shared link would)
  --cases LIST        first-step: backend:config pairs (default wasm:tiny,wasm:default,webgpu:tiny,webgpu:default)
  --hide LIST         first-step: panels to hide (hide=), e.g. learned,data
${APP_USAGE}`;

const UI_OPTIONS = {
  ...APP_OPTIONS,
  mode: { type: 'string' },
  seconds: { type: 'string' },
  steps: { type: 'string' },
  backends: { type: 'string' },
  trace: { type: 'boolean' },
  profile: { type: 'boolean' },
  cpu: { type: 'boolean' },
  runs: { type: 'string' },
  preset: { type: 'string' },
  cases: { type: 'string' },
  hide: { type: 'string' },
} as const;

export type UiValues = ReturnType<typeof parseUiOptions>;

export function parseUiOptions(argv: readonly string[]) {
  const values = parseCommandLine(argv, UI_OPTIONS);
  const [mode] = listOption(values.mode, UI_MODES, 'mode') ?? ['backends'];
  // Profiles of the long tasks read only with the functions' own names.
  const app = appOptions(mode === 'longtasks' ? { ...values, 'no-minify': true } : values);
  const seconds = numberOption(values.seconds, 'seconds', mode === 'longtasks' ? 20 : 60);
  // Checked here, before anything is built or opened.
  const steps = values.steps === undefined ? null : numberOption(values.steps, 'steps', 0, 1);
  const runs = numberOption(values.runs, 'runs', 3, 1);
  const backends = listOption(values.backends, BROWSER_BACKENDS, 'backends') ?? ['wasm', 'webgpu'];
  return { ...values, mode, app, seconds, steps, runs, backends };
}

export async function run(argv: string[]): Promise<void> {
  const options = parseUiOptions(argv);
  const app = await openApp(options.app);
  try {
    if (options.mode === 'longtasks') return await longTaskRuns(app, options);
    if (options.mode === 'first-step') return await firstStepCases(app, options);
    const results: Record<string, unknown> = { date: new Date().toISOString(), seconds: options.seconds };
    if (options.mode === 'presets') results.presets = await benchPresets(app, options.seconds);
    else for (const backend of options.backends) results[backend] = await benchBackend(app, backend, options);
    console.log(`wrote ${writeJsonResult('bench-ui', results)}`);
  } finally {
    await app.close();
  }
}

async function benchBackend(app: AppSession, backend: string, options: UiValues): Promise<object> {
  const page = await openPlayground(app.browser, `${app.origin}/?backend=${backend}`);
  const steps = backend === 'wasm' ? options.steps : null;
  const recording = await startRecording(app.browser, page, options);
  const window = await trainInUi(page, options.seconds, steps);
  await recording.stop(backend);
  console.log(`${backend}: ${describeWindow(window)}`);
  const probe = steps === null ? null : await runProbe(page);
  if (probe) console.log(`${backend}: probe at step ${window.steps}: ${describeProbe(probe)}`);
  await page.close();
  return { ...window, probe };
}

/** `--trace` and `--profile` around one training window. */
async function startRecording(browser: Browser, page: Page, options: UiValues) {
  if (options.trace) await browser.startTracing(page, { screenshots: false });
  const cdp = options.profile ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  return {
    stop: async (backend: string) => {
      if (options.trace)
        console.log(
          `trace: ${writeResult(`bench-ui-trace-${backend}.json`, (await browser.stopTracing()).toString())}`,
        );
      if (cdp) {
        const profile = JSON.stringify((await cdp.send('Profiler.stop')).profile);
        console.log(`profile: ${writeResult(`bench-ui-profile-${backend}.cpuprofile.json`, profile)}`);
      }
    },
  };
}

async function benchPresets(app: AppSession, seconds: number): Promise<object> {
  const results: Record<string, TrainingWindow> = {};
  for (const preset of PRESET_IDS) {
    const page = await openPlayground(app.browser, `${app.origin}/?backend=wasm`);
    // At step 0 a preset rebuilds at once (no confirmation); wait for the new model.
    await page.getByTestId('preset').selectOption(preset);
    await waitUntilReady(page);
    results[preset] = await trainInUi(page, seconds, null);
    console.log(`${preset} (wasm): ${describeWindow(results[preset])}`);
    await page.close();
  }
  return results;
}

const PROBE_CELLS = ['cpc-linear', 'random-linear', 'pixels-linear', 'cpc-knn', 'random-knn', 'pixels-knn'];

async function runProbe(page: Page): Promise<Record<string, string>> {
  const step = await page.getByTestId('step-count').textContent();
  await page.getByTestId('probe-run').click();
  // The worker also probes by itself (at step 0, on pause): wait for a result of the current step.
  const result = page.getByTestId('probe-result').filter({ hasText: new RegExp(`^Step ${step} \\(`) });
  await result.waitFor({ timeout: LOAD_TIMEOUT_MS });
  const probe: Record<string, string> = {};
  for (const cell of PROBE_CELLS)
    probe[cell] = (await result.getByTestId(`probe-${cell}`).textContent()) ?? '';
  probe.feature = await page.getByTestId('probe-feature').inputValue();
  return probe;
}

function describeProbe(p: Record<string, string>): string {
  return (
    `(${p.feature}) linear CPC ${p['cpc-linear']} vs random ${p['random-linear']} vs pixels ` +
    `${p['pixels-linear']}, kNN CPC ${p['cpc-knn']} vs random ${p['random-knn']} vs pixels ${p['pixels-knn']}`
  );
}
