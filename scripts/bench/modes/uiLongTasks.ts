/**
 * npm run bench -- ui --mode longtasks [--runs 3] [--seconds 20] [--cpu] [--profile] [--preset ID]
 *
 * The main thread's long tasks while training, run after run: an unminified build (so profiles read);
 * per run the page on WASM with the default preset (or `--preset`), Start, train, and every task over
 * 30 ms with what ran in its frame (Long Animation Frames, scripts/bench/uiTraining.ts).
 * - `--cpu`: the 8 longest tasks by the main thread's CPU time (from a Chromium trace), with their time
 *   since Start. On a shared machine a task's wall time mostly measures the other processes; its CPU
 *   time is what the page's code costs.
 * - `--profile`: a CPU profile per run (written for DevTools into bench-results/), and for each busy
 *   stretch of the main thread over 30 ms the functions that took most of it (inclusive time).
 * Numbers only: nothing is asserted. The backends mode gives the headline numbers; this finds causes.
 */
import type { Page } from '@playwright/test';
import type { AppSession } from '../app';
import { busyStretches, longestCpuTasks, type CpuProfile } from '../cpuProfile';
import { writeResult } from '../results';
import { openPlayground, trainInUi } from '../uiTraining';
import type { UiValues } from './ui';

export async function longTaskRuns(app: AppSession, options: UiValues): Promise<void> {
  const { runs } = options;
  const preset = options.preset ? `&preset=${options.preset}` : '';
  const longest: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await openPlayground(app.browser, `${app.origin}/?backend=wasm${preset}`);
    longest.push(await trainOnce(page, i, options));
    await page.close();
  }
  console.log(`longest task per run: ${longest.map((ms) => `${ms} ms`).join(', ')}`);
}

async function trainOnce(page: Page, index: number, options: UiValues): Promise<number> {
  const browser = page.context().browser();
  if (options.cpu) await browser?.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
  const cdp = options.profile ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  const window = await trainInUi(page, options.seconds, null);
  const profile = cdp ? ((await cdp.send('Profiler.stop')).profile as CpuProfile) : null;
  const trace = options.cpu ? await browser?.stopTracing() : undefined;
  if (trace) for (const line of longestCpuTasks(trace.toString())) console.log(`  ${line}`);
  console.log(
    `run ${index + 1}: ${window.steps} steps, longest task ${window.longestTaskMs} ms, ` +
      `${window.tasksOver50Ms} over 50 ms`,
  );
  for (const task of window.longTasks)
    console.log(`  task at ${task.at} ms: ${task.duration} ms; ${task.frame}`);
  if (profile) {
    const file = writeResult(`longtasks-${index + 1}.cpuprofile`, JSON.stringify(profile));
    console.log(`  CPU profile (for DevTools): ${file}`);
    for (const line of busyStretches(profile)) console.log(`  ${line}`);
  }
  return window.longestTaskMs;
}
