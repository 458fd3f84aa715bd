/**
 * Training in the real playground UI, measured from the page: time from Start to the first step, steps/s,
 * and the main thread's long tasks while training (PerformanceObserver 'longtask' and
 * 'long-animation-frame', registered before the page loads so that nothing is missed).
 */
import { waitInPage } from '../lib/waitInPage';
import type { Browser, Page } from '@playwright/test';

const LOAD_TIMEOUT_MS = 600_000;

export interface TrainingWindow {
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
  /** Every task over 30 ms since Start (ms after Start), with the scripts of its frame. */
  longTasks: { at: number; duration: number; frame: string }[];
}

export interface LongFrame {
  start: number;
  duration: number;
  /** Style, layout and paint at the frame's end. */
  render: number;
  scripts: { invoker: string; source: string; duration: number }[];
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

export interface PlaygroundPage {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
  /** Runs in the page before its own scripts, after the long-task observers. */
  initScript?: string;
}

/** Opens the playground with the long-task observers installed and waits until it can train. */
export async function openPlayground(
  browser: Browser,
  url: string,
  { viewport = { width: 1280, height: 800 }, colorScheme, initScript }: PlaygroundPage = {},
): Promise<Page> {
  const page = await browser.newPage({ viewport, colorScheme });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.addInitScript(LONG_TASK_OBSERVER);
  if (initScript) await page.addInitScript(initScript);
  await page.goto(url);
  await waitUntilReady(page);
  return page;
}

export async function waitUntilReady(page: Page): Promise<void> {
  await page.locator('[data-testid="status"][data-state="paused"]').waitFor({ timeout: LOAD_TIMEOUT_MS });
}

/** Presses Start, trains for `seconds` (or until `steps`, when not null), pauses and reads the numbers. */
export async function trainInUi(page: Page, seconds: number, steps: number | null): Promise<TrainingWindow> {
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
    await waitInPage(
      page,
      `Number(document.querySelector('[data-testid="step-count"]').textContent) >= ${steps}`,
      250,
    );
  const last = await page.evaluate<PageReading>(`({
    at: performance.now(),
    step: Number(document.querySelector('[data-testid="step-count"]').textContent),
    tasks: window.__longTasks,
    frames: window.__longFrames,
  })`);
  await page.getByTestId('pause').click();
  await page.locator('[data-testid="status"][data-state="paused"]').waitFor();
  return summarise(first, last, await page.getByTestId('tensors').textContent());
}

interface PageReading {
  at: number;
  step: number;
  tasks: [number, number][];
  frames: LongFrame[];
}

/** The window from Start to the last reading, from what the observers saw. */
function summarise(
  first: { clickedAt: number; firstAt: number; step: number },
  last: PageReading,
  tensorsText: string | null,
): TrainingWindow {
  const during = last.tasks.filter(([start]) => start >= first.clickedAt && start <= last.at);
  const frames = last.frames.filter((frame) => frame.start >= first.clickedAt && frame.start <= last.at);
  const trainedSeconds = (last.at - first.firstAt) / 1000;
  return {
    startToFirstStepMs: Math.round(first.firstAt - first.clickedAt),
    steps: last.step,
    seconds: Number(trainedSeconds.toFixed(1)),
    stepsPerSecond: Number(((last.step - first.step) / trainedSeconds).toFixed(2)),
    longestTaskMs: Math.round(Math.max(0, ...during.map(([, duration]) => duration))),
    tasksOver50Ms: during.filter(([, duration]) => duration > 50).length,
    longTasksTotalMs: Math.round(during.reduce((sum, [, duration]) => sum + duration, 0)),
    tensors: tensorsText && /^\d+/.test(tensorsText) ? Number(/^\d+/.exec(tensorsText)?.[0]) : null,
    longestFrames: [...frames].sort((a, b) => b.duration - a.duration).slice(0, 5),
    longTasks: during
      .filter(([, duration]) => duration > 30)
      .map(([start, duration]) => ({
        at: Math.round(start - first.clickedAt),
        duration: Math.round(duration),
        frame: describeFrame(frames.find((f) => f.start <= start + 1 && start <= f.start + f.duration)),
      })),
  };
}

function describeFrame(frame: LongFrame | undefined): string {
  const scripts = frame?.scripts ?? [];
  return scripts.map((s) => `${s.invoker} ${s.source || '?'} ${Math.round(s.duration)}`).join(', ');
}

export function describeWindow(window: TrainingWindow): string {
  return (
    `start→first step ${window.startToFirstStepMs} ms, ${window.steps} steps in ${window.seconds} s ` +
    `(${window.stepsPerSecond} steps/s), longest main-thread task ${window.longestTaskMs} ms, ` +
    `${window.tasksOver50Ms} tasks > 50 ms (${window.longTasksTotalMs} ms in all), ${window.tensors ?? '?'} tensors`
  );
}
