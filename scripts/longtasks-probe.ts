/**
 * npx tsx scripts/longtasks-probe.ts [--runs 3] [--seconds 20] [--port 4203] [--out dist-longtasks]
 *   [--no-build] [--cpu] [--profile] [--preset quick-demo]
 *
 * The main thread's long tasks while training, run after run: builds its own folder (unminified, so
 * profiles read), previews it, and per run opens the page on WASM with the default preset, presses Start,
 * trains, and prints every task over 30 ms with what ran in its frame (Long Animation Frames).
 * - `--preset ID`: train that preset instead of the default (through the URL, as a shared link would).
 * - `--cpu`: the 8 longest tasks by the main thread's CPU time (from a Chromium trace), with their time
 *   since Start. On a shared machine a task's wall time mostly measures the other processes; its CPU
 *   time is what the page's code costs.
 * - `--profile`: a CPU profile per run (written for DevTools), and for each busy stretch of the main
 *   thread over 30 ms the functions that took most of it (inclusive time).
 * Numbers only: nothing is asserted. bench:ui gives the headline numbers; this is for finding causes.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { buildApp, launchChromium, startPreview } from './bench/server';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string =>
  args.includes(name) ? (args[args.indexOf(name) + 1] ?? fallback) : fallback;
const runs = Number(option('--runs', '3'));
const seconds = Number(option('--seconds', '20'));
const port = Number(option('--port', '4203'));
const outDir = option('--out', 'dist-longtasks');
const preset = option('--preset', '');
const REPORT_MS = 30;

const OBSERVERS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  window.__frames = [];
  new PerformanceObserver((list) => {
    for (const f of list.getEntries())
      window.__frames.push([f.startTime, f.duration,
        f.scripts.map((s) => s.invoker + ' ' + (s.sourceFunctionName || '?') + ' ' + Math.round(s.duration)).join(', ')]);
  }).observe({ type: 'long-animation-frame', buffered: true });
`;

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    parent?: number;
  }[];
  samples: number[];
  timeDeltas: number[];
}

async function main(): Promise<void> {
  if (!args.includes('--no-build')) buildApp(outDir, { minify: false });
  const server = await startPreview(outDir, port);
  const browser = await launchChromium();
  try {
    const longest: number[] = [];
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      await page.addInitScript(OBSERVERS);
      await page.goto(`${server.origin}/?backend=wasm${preset ? `&preset=${preset}` : ''}`);
      await page.locator('[data-testid="status"][data-state="paused"]').waitFor({ timeout: 600_000 });
      longest.push(await trainOnce(page, i));
      await page.close();
    }
    console.log(`longest task per run: ${longest.map((ms) => `${ms} ms`).join(', ')}`);
  } finally {
    await browser.close();
    server.stop();
  }
}

async function trainOnce(page: Page, index: number): Promise<number> {
  const tracing = args.includes('--cpu');
  if (tracing)
    await page
      .context()
      .browser()
      ?.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
  const cdp = args.includes('--profile') ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  const startedAt = await page.evaluate<number>(`(() => {
    document.querySelector('[data-testid="start"]').click();
    return performance.now();
  })()`);
  await page.waitForTimeout(seconds * 1000);
  const seen = await page.evaluate<{
    at: number;
    step: string;
    tasks: [number, number][];
    frames: [number, number, string][];
  }>(
    `({ at: performance.now(), step: document.querySelector('[data-testid="step-count"]').textContent,
        tasks: window.__longTasks, frames: window.__frames })`,
  );
  const profile = cdp ? ((await cdp.send('Profiler.stop')).profile as CpuProfile) : null;
  const trace = tracing ? await page.context().browser()?.stopTracing() : undefined;
  await page.getByTestId('pause').click();
  if (trace) for (const line of longestCpuTasks(trace.toString())) console.log(`  ${line}`);
  const during = seen.tasks.filter(([start]) => start >= startedAt && start <= seen.at);
  const longest = Math.round(Math.max(0, ...during.map(([, duration]) => duration)));
  const over50 = during.filter(([, duration]) => duration > 50).length;
  console.log(`run ${index + 1}: ${seen.step} steps, longest task ${longest} ms, ${over50} over 50 ms`);
  for (const [start, duration] of during.filter(([, d]) => d > REPORT_MS)) {
    const frame = seen.frames.find(([s, d]) => s <= start + 1 && start <= s + d);
    console.log(
      `  task at ${Math.round(start - startedAt)} ms: ${Math.round(duration)} ms; ${frame?.[2] ?? ''}`,
    );
  }
  if (profile) {
    const file = join(tmpdir(), `longtasks-probe-${index + 1}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`  CPU profile (for DevTools): ${file}`);
    for (const line of busyStretches(profile)) console.log(`  ${line}`);
  }
  return longest;
}

/**
 * The renderer main thread's 8 longest tasks by thread (CPU) time, which preemption by other processes
 * does not inflate, each with the functions it called (devtools.timeline FunctionCall events).
 */
function longestCpuTasks(json: string): string[] {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = events.filter((e) => e.pid === main?.pid && e.tid === main?.tid && e.ph === 'X');
  const tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.tdur);
  const calls = onMain.filter((e) => e.name === 'FunctionCall' || e.name === 'TimerFire');
  // Tracing starts just before Start is pressed.
  const start = Math.min(...tasks.map((task) => task.ts));
  return tasks
    .sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0))
    .slice(0, 8)
    .map((task) => {
      const inside = calls
        .filter((c) => c.ts >= task.ts && c.ts <= task.ts + (task.dur ?? 0))
        .map((c) => `${c.args?.data?.functionName || c.name}:${c.args?.data?.lineNumber ?? ''}`);
      const at = Math.round((task.ts - start) / 1000);
      return `${Math.round((task.tdur ?? 0) / 1000)} ms CPU (wall ${Math.round((task.dur ?? 0) / 1000)}) at ${at} ms: ${inside.join(' ')}`;
    });
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { functionName?: string; lineNumber?: number } };
}

/** Runs of consecutive busy samples longer than REPORT_MS, with their heaviest functions. */
function busyStretches(profile: CpuProfile): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of (node as { children?: number[] }).children ?? []) parentOf.set(child, node.id);
  const idle = new Set(['(idle)', '(program)', '(garbage collector)']);
  const lines: string[] = [];
  let stretch: { ms: number; inclusive: Map<string, number> } | null = null;
  const close = () => {
    if (stretch && stretch.ms > REPORT_MS) {
      const top = [...stretch.inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14);
      lines.push(
        `busy ${Math.round(stretch.ms)} ms: ${top.map(([n, ms]) => `${n} ${Math.round(ms)}`).join(' | ')}`,
      );
    }
    stretch = null;
  };
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const name = byId.get(id)?.callFrame.functionName ?? '';
    if (idle.has(name)) return close();
    stretch ??= { ms: 0, inclusive: new Map() };
    stretch.ms += ms;
    const names = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parentOf.get(node)) {
      const frame = byId.get(node)?.callFrame;
      if (frame && frame.functionName && frame.functionName !== '(root)')
        names.add(`${frame.functionName}@${frame.url.split('/').pop()}:${frame.lineNumber}`);
    }
    for (const n of names) stretch.inclusive.set(n, (stretch.inclusive.get(n) ?? 0) + ms);
  });
  close();
  return lines;
}

await main();
