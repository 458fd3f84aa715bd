/**
 * npm run bench:ui [-- --seconds 60] [--steps 1000] [--presets] [--backends wasm,webgpu] [--trace] [--profile]
 *   [--no-minify] [--no-build]
 *
 * Builds and previews the app, opens the page (default preset on Fashion-MNIST) once per backend, presses
 * Start and trains, and prints: time from Start to the first step, steps/s, the longest main-thread task
 * and the count of tasks over 50 ms while training (PerformanceObserver 'longtask', registered before the
 * page loads), and the tensor count at the end.
 * - `--steps N`: WASM trains until step N instead of for a time, then reports the tensor count and runs
 *   the probe (CPC against random init, linear and kNN). WebGPU (SwiftShader here) always trains for
 *   `--seconds`: it is far too slow for a thousand steps.
 * - `--presets`: steps/s of each preset on WASM, chosen through the preset picker.
 * - `--trace`: a Chromium trace of the training window per backend, in bench/results/ (for the
 *   Performance panel); `--profile`: a main-thread CPU profile of it (a .cpuprofile, for DevTools).
 * `--no-minify` keeps function names readable in traces and profiles.
 * Numbers only: nothing is asserted. The JSON goes to bench/results/bench-ui-<time>.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { run, waitForServer } from './lib/processes';

const PRESET_IDS = ['default', 'quick-demo', 'keras-cpc', 'cpc-v2'] as const;
const RESULTS_DIR = join('bench', 'results');
const BUILD_DIR = join('node_modules', '.bench-ui', 'dist');
const LOAD_TIMEOUT_MS = 600_000;

const args = process.argv.slice(2);
const option = (name: string): string | null =>
  args.includes(name) ? (args[args.indexOf(name) + 1] ?? null) : null;
const seconds = Number(option('--seconds') ?? 60);
const targetSteps = option('--steps') === null ? null : Number(option('--steps'));
const backends = (option('--backends') ?? 'wasm,webgpu').split(',');
const trace = args.includes('--trace');
const profile = args.includes('--profile');

interface TrainingWindow {
  startToFirstStepMs: number;
  steps: number;
  seconds: number;
  stepsPerSecond: number;
  longestTaskMs: number;
  tasksOver50Ms: number;
  /** Sum of the long tasks' durations: the main thread's blocked time. */
  longTasksTotalMs: number;
  tensors: number | null;
  /** What ran in the slowest frames (Long Animation Frames API): which script, and the rendering. */
  longestFrames: LongFrame[];
}

interface LongFrame {
  start: number;
  duration: number;
  /** Style, layout and paint at the frame's end. */
  render: number;
  scripts: { invoker: string; source: string; duration: number }[];
}

interface ProbeNumbers {
  cpcLinear: string;
  cpcKnn: string;
  randomLinear: string;
  randomKnn: string;
}

/** Runs in the page before any of its scripts, so no long task of the load or the run is missed. */
const LONG_TASK_OBSERVER = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
  window.__longFrames = [];
  new PerformanceObserver((list) => {
    for (const frame of list.getEntries())
      window.__longFrames.push({
        start: frame.startTime,
        duration: frame.duration,
        render: frame.renderStart > 0 ? frame.startTime + frame.duration - frame.renderStart : 0,
        scripts: frame.scripts.map((script) => ({
          invoker: script.invoker,
          source: script.sourceFunctionName,
          duration: script.duration,
        })),
      });
  }).observe({ type: 'long-animation-frame', buffered: true });
`;

async function main(): Promise<void> {
  // A build of its own, so a bench never serves (or clobbers) the dist/ that the e2e suite is using.
  if (!args.includes('--no-build'))
    run('npx', [
      'vite',
      'build',
      '--outDir',
      BUILD_DIR,
      '--emptyOutDir',
      ...(args.includes('--no-minify') ? ['--minify', 'false'] : []),
    ]);
  const port = await freePort();
  // Vite itself, not through npx: killing npx would leave the preview server running.
  const server = spawn(
    join('node_modules', '.bin', 'vite'),
    ['preview', '--outDir', BUILD_DIR, '--port', String(port), '--strictPort'],
    {
      stdio: 'ignore',
    },
  );
  const chromiumPath = '/usr/bin/chromium';
  const browser = await chromium.launch({
    executablePath: existsSync(chromiumPath) ? chromiumPath : undefined,
    args: ['--no-sandbox', '--enable-unsafe-webgpu'],
  });
  const origin = `http://localhost:${port}`;
  const results: Record<string, unknown> = { date: new Date().toISOString(), seconds, targetSteps };
  try {
    await waitForServer(origin);
    if (args.includes('--presets')) results.presets = await benchPresets(browser, origin);
    else for (const backend of backends) results[backend] = await benchBackend(browser, origin, backend);
  } finally {
    await browser.close();
    server.kill();
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `bench-ui-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${file}`);
}

async function benchBackend(browser: Browser, origin: string, backend: string): Promise<object> {
  const page = await openPage(browser, `${origin}/?backend=${backend}`);
  const steps = backend === 'wasm' ? targetSteps : null;
  if (trace) await browser.startTracing(page, { screenshots: false });
  const cdp = profile ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const window = await train(page, steps);
  mkdirSync(RESULTS_DIR, { recursive: true });
  if (trace) {
    const file = join(RESULTS_DIR, `bench-ui-trace-${backend}.json`);
    writeFileSync(file, await browser.stopTracing());
    console.log(`trace: ${file}`);
  }
  if (cdp) {
    const file = join(RESULTS_DIR, `bench-ui-profile-${backend}.cpuprofile.json`);
    writeFileSync(file, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    console.log(`profile: ${file}`);
  }
  console.log(`${backend}: ${describe(window)}`);
  const probe = steps === null ? null : await runProbe(page);
  if (probe)
    console.log(
      `${backend}: probe at step ${window.steps}: linear CPC ${probe.cpcLinear} vs random ${probe.randomLinear}, ` +
        `kNN CPC ${probe.cpcKnn} vs random ${probe.randomKnn}`,
    );
  await page.close();
  return { ...window, probe };
}

async function benchPresets(browser: Browser, origin: string): Promise<object> {
  const results: Record<string, TrainingWindow> = {};
  for (const preset of PRESET_IDS) {
    const page = await openPage(browser, `${origin}/?backend=wasm`);
    await page.getByTestId('preset').selectOption(preset);
    const apply = page.getByTestId('rebuild-apply');
    if (await apply.isVisible()) {
      await apply.click();
      await waitUntilReady(page);
    }
    results[preset] = await train(page, null);
    console.log(`${preset} (wasm): ${describe(results[preset])}`);
    await page.close();
  }
  return results;
}

async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.addInitScript(LONG_TASK_OBSERVER);
  await page.goto(url);
  await waitUntilReady(page);
  return page;
}

async function waitUntilReady(page: Page): Promise<void> {
  await page.locator('[data-testid="status"][data-state="paused"]').waitFor({ timeout: LOAD_TIMEOUT_MS });
}

/** Presses Start, trains for `seconds` (or until `steps`), pauses and reads the numbers. */
async function train(page: Page, steps: number | null): Promise<TrainingWindow> {
  // Strings, not functions: tsx's helpers (__name) do not exist in the page.
  const first = await page.evaluate<{ clickedAt: number; firstAt: number; step: number }>(`(async () => {
    const stepCount = () => Number(document.querySelector('[data-testid="step-count"]').textContent);
    const clickedAt = performance.now();
    document.querySelector('[data-testid="start"]').click();
    while (stepCount() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    return { clickedAt, firstAt: performance.now(), step: stepCount() };
  })()`);
  if (steps === null) await page.waitForTimeout(seconds * 1000);
  else
    await page.waitForFunction(
      `Number(document.querySelector('[data-testid="step-count"]').textContent) >= ${steps}`,
      undefined,
      { timeout: 0, polling: 250 },
    );
  const last = await page.evaluate<{
    at: number;
    step: number;
    tasks: [number, number][];
    frames: LongFrame[];
  }>(`({
    at: performance.now(),
    step: Number(document.querySelector('[data-testid="step-count"]').textContent),
    tasks: window.__longTasks,
    frames: window.__longFrames,
  })`);
  await page.getByTestId('pause').click();
  await page.locator('[data-testid="status"][data-state="paused"]').waitFor();
  const during = last.tasks.filter(([start]) => start >= first.clickedAt && start <= last.at);
  const trainedSeconds = (last.at - first.firstAt) / 1000;
  const tensorsText = await page.getByTestId('tensors').textContent();
  return {
    startToFirstStepMs: Math.round(first.firstAt - first.clickedAt),
    steps: last.step,
    seconds: Number(trainedSeconds.toFixed(1)),
    stepsPerSecond: Number(((last.step - first.step) / trainedSeconds).toFixed(2)),
    longestTaskMs: Math.round(Math.max(0, ...during.map(([, duration]) => duration))),
    tasksOver50Ms: during.filter(([, duration]) => duration > 50).length,
    longTasksTotalMs: Math.round(during.reduce((sum, [, duration]) => sum + duration, 0)),
    tensors: tensorsText && /^\d+/.test(tensorsText) ? Number(/^\d+/.exec(tensorsText)?.[0]) : null,
    longestFrames: last.frames
      .filter((frame) => frame.start >= first.clickedAt && frame.start <= last.at)
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 5),
  };
}

async function runProbe(page: Page): Promise<ProbeNumbers> {
  await page.getByTestId('probe-run').click();
  const result = page.getByTestId('probe-result');
  await result.waitFor({ timeout: LOAD_TIMEOUT_MS });
  const read = async (id: string) => (await result.getByTestId(id).textContent()) ?? '';
  return {
    cpcLinear: await read('probe-cpc-linear'),
    cpcKnn: await read('probe-cpc-knn'),
    randomLinear: await read('probe-random-linear'),
    randomKnn: await read('probe-random-knn'),
  };
}

function describe(window: TrainingWindow): string {
  return (
    `start→first step ${window.startToFirstStepMs} ms, ${window.steps} steps in ${window.seconds} s ` +
    `(${window.stepsPerSecond} steps/s), longest main-thread task ${window.longestTaskMs} ms, ` +
    `${window.tasksOver50Ms} tasks > 50 ms (${window.longTasksTotalMs} ms in all), ${window.tensors ?? '?'} tensors`
  );
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

await main();
