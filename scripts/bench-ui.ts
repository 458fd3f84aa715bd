/**
 * npm run bench:ui [-- --seconds 60] [--steps 1000] [--presets] [--backends wasm,webgpu] [--trace] [--profile]
 *   [--no-minify] [--no-build]
 *
 * Builds and previews the app, opens the page (default preset on Fashion-MNIST) once per backend, presses
 * Start and trains, and prints: time from Start to the first step, steps/s, the longest main-thread task
 * and the count of tasks over 50 ms while training, and the tensor count at the end (scripts/bench/uiTraining.ts).
 * - `--steps N`: WASM trains until step N instead of for a time, then reports the tensor count and runs
 *   the probe (CPC against random init and raw pixels, linear and kNN, on the selected feature). WebGPU (SwiftShader here) always trains for
 *   `--seconds`: it is far too slow for a thousand steps.
 * - `--presets`: steps/s of each preset on WASM, chosen through the preset picker.
 * - `--trace`: a Chromium trace of the training window per backend, in bench/results/ (for the
 *   Performance panel); `--profile`: a main-thread CPU profile of it (a .cpuprofile, for DevTools).
 * `--no-minify` keeps function names readable in traces and profiles.
 * Numbers only: nothing is asserted. The JSON goes to bench/results/bench-ui-<time>.json.
 * `npm run bench` measures the same long tasks as one part of the whole benchmark.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { buildApp, launchChromium, startPreview } from './bench/server';
import {
  describeWindow,
  openPlayground,
  trainInUi,
  waitUntilReady,
  type TrainingWindow,
} from './bench/uiTraining';

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

interface ProbeNumbers {
  cpcLinear: string;
  cpcKnn: string;
  randomLinear: string;
  randomKnn: string;
  pixelsLinear: string;
  pixelsKnn: string;
  feature: string;
}

async function main(): Promise<void> {
  if (!args.includes('--no-build')) buildApp(BUILD_DIR, { minify: !args.includes('--no-minify') });
  const server = await startPreview(BUILD_DIR);
  const browser = await launchChromium();
  const results: Record<string, unknown> = { date: new Date().toISOString(), seconds, targetSteps };
  try {
    if (args.includes('--presets')) results.presets = await benchPresets(browser, server.origin);
    else
      for (const backend of backends) results[backend] = await benchBackend(browser, server.origin, backend);
  } finally {
    await browser.close();
    server.stop();
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `bench-ui-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${file}`);
}

async function benchBackend(browser: Browser, origin: string, backend: string): Promise<object> {
  const page = await openPlayground(browser, `${origin}/?backend=${backend}`);
  const steps = backend === 'wasm' ? targetSteps : null;
  if (trace) await browser.startTracing(page, { screenshots: false });
  const cdp = profile ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const window = await trainInUi(page, seconds, steps);
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
  console.log(`${backend}: ${describeWindow(window)}`);
  const probe = steps === null ? null : await runProbe(page);
  if (probe)
    console.log(
      `${backend}: probe (${probe.feature}) at step ${window.steps}: linear CPC ${probe.cpcLinear} vs random ` +
        `${probe.randomLinear} vs pixels ${probe.pixelsLinear}, kNN CPC ${probe.cpcKnn} vs random ` +
        `${probe.randomKnn} vs pixels ${probe.pixelsKnn}`,
    );
  await page.close();
  return { ...window, probe };
}

async function benchPresets(browser: Browser, origin: string): Promise<object> {
  const results: Record<string, TrainingWindow> = {};
  for (const preset of PRESET_IDS) {
    const page = await openPlayground(browser, `${origin}/?backend=wasm`);
    // At step 0 a preset rebuilds at once (no confirmation); wait for the new model.
    await page.getByTestId('preset').selectOption(preset);
    await waitUntilReady(page);
    results[preset] = await trainInUi(page, seconds, null);
    console.log(`${preset} (wasm): ${describeWindow(results[preset])}`);
    await page.close();
  }
  return results;
}

async function runProbe(page: Page): Promise<ProbeNumbers> {
  const step = await page.getByTestId('step-count').textContent();
  await page.getByTestId('probe-run').click();
  // The worker also probes by itself (at step 0, on pause): wait for a result of the current step.
  const result = page.getByTestId('probe-result').filter({ hasText: new RegExp(`^Step ${step} \\(`) });
  await result.waitFor({ timeout: LOAD_TIMEOUT_MS });
  const read = async (id: string) => (await result.getByTestId(id).textContent()) ?? '';
  return {
    cpcLinear: await read('probe-cpc-linear'),
    cpcKnn: await read('probe-cpc-knn'),
    randomLinear: await read('probe-random-linear'),
    randomKnn: await read('probe-random-knn'),
    pixelsLinear: await read('probe-pixels-linear'),
    pixelsKnn: await read('probe-pixels-knn'),
    feature: await page.getByTestId('probe-feature').inputValue(),
  };
}

await main();
