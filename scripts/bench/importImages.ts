/**
 * Import time of N generated JPEGs through the playground's real inputs: the images are made with the
 * browser's own encoder (ten class folders), written to a temporary folder, and imported as the folder or
 * as one .zip of it. While it runs: the page's JS heap (every 100 ms) and the main thread's longest task
 * (Long Tasks API). Until the training worker has rebuilt the model for the imported set: the tab's private
 * memory and all renderers' resident memory (from /proc, every 100 ms). After it, the whole tab's JS memory
 * with measureUserAgentSpecificMemory, which the app's cross-origin isolation allows.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { waitInPage } from '../lib/waitInPage';
import { answerPicker } from './opfsFolder';
import { rendererBytes, sampleRendererPeak, tabPrivateBytes, watchTab } from './rendererMemory';
import { describeThreadCpu, sampleThreadCpu, type ThreadGroup } from './threadCpu';

const CLASSES = 10;

export interface ImportResult {
  count: number;
  width: number;
  height: number;
  /** 'folder', 'zip' or 'picker': how the files were handed over. */
  source: ImportSource['kind'];
  generateSeconds: number;
  importSeconds: number;
  imagesPerSecond: number;
  peakHeapBytes: number;
  /**
   * Peak private memory of the tab (its renderer: page, decode and training workers), from the files'
   * hand-over until the training worker is ready on the imported set; null off Linux.
   */
  peakTabBytes: number | null;
  /** The tab's private memory just before the import (the app, tfjs, the training worker). */
  tabBytesBefore: number | null;
  /** Peak resident memory of all renderers summed, over the same window (shared pages included). */
  peakRendererBytes: number | null;
  /** All renderers' resident memory just before the import. */
  rendererBytesBefore: number | null;
  /** The main thread's longest task during the import, or 0 when none took over 50 ms. */
  longestTaskMs: number;
  /** The JS memory of the page and its workers after the rebuild (measureUserAgentSpecificMemory): not the tab's private memory. */
  tabBytesAfter: number | null;
  /**
   * With `settleSeconds` > 0: the tab's private memory that long after the rebuild, and its peak from the
   * hand-over to then (the step-0 probe on the imported set runs in that time); null otherwise.
   */
  settled: {
    seconds: number;
    tabBytes: number | null;
    peakTabBytes: number | null;
    /** The least the tab held over the second half of those seconds. */
    lowTabBytes: number | null;
  } | null;
  /** With `threads`: CPU seconds by thread group over the import (./threadCpu.ts); null otherwise. */
  threadCpu: ThreadGroup[] | null;
}

/**
 * 'folder': the folder input (Chromium lists it in one main-thread task); 'zip': the files input;
 * 'picker': the folder input's click, which opens showDirectoryPicker, answered here with `opfsName`, a
 * copy of the folder in the origin-private file system (copyToOpfs), since no test can drive the real dialog.
 */
export type ImportSource =
  { kind: 'folder'; dir: string } | { kind: 'zip'; path: string } | { kind: 'picker'; opfsName: string };

/** `page`: a fresh page of the served app (it is navigated and left on the imported set). */
export async function benchImport(
  page: Page,
  origin: string,
  count: number,
  width: number,
  height: number,
): Promise<ImportResult> {
  const dir = join(tmpdir(), `cpc-bench-import-${count}-${process.pid}`);
  try {
    const generateSeconds = await generateFolder(page, origin, dir, count, width, height);
    const result = await importInto(page, origin, { kind: 'folder', dir }, count);
    return { ...result, width, height, generateSeconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Makes `dir` (emptied first) with `count` JPEGs in ten class folders; returns the seconds it took. */
export async function generateFolder(
  page: Page,
  origin: string,
  dir: string,
  count: number,
  width: number,
  height: number,
  noise = false,
): Promise<number> {
  await page.goto(`${origin}/?backend=wasm`);
  rmSync(dir, { recursive: true, force: true });
  const madeAt = Date.now();
  await writeJpegs(page, dir, count, width, height, noise);
  return (Date.now() - madeAt) / 1000;
}

/**
 * Set on the page before an import (strings, not functions: tsx's helpers such as __name do not exist in
 * the page): the JS heap's peak, the longest main-thread task, and whether the run went back to loading.
 */
const WATCH_PAGE = `
  window.peakHeap = performance.memory.usedJSHeapSize;
  window.sampler = setInterval(() => {
    window.peakHeap = Math.max(window.peakHeap, performance.memory.usedJSHeapSize);
  }, 100);
  window.longestTask = 0;
  window.taskObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.longestTask = Math.max(window.longestTask, entry.duration);
  });
  window.taskObserver.observe({ type: 'longtask' });
  window.reloaded = false;
  window.statusObserver = new MutationObserver(() => {
    if (document.querySelector('[data-testid="status"]')?.dataset.state === 'loading') window.reloaded = true;
  });
  window.statusObserver.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
`;

/** True once the training worker has gone back to loading for the imported set and is ready again. */
const REBUILT = `window.reloaded && document.querySelector('[data-testid="status"]')?.dataset.state === 'paused'`;

/**
 * Imports a generated folder (or its .zip) into a fresh load of the app and measures it; `settleSeconds`
 * and `threads` ask for more (ImportResult's `settled` and `threadCpu`).
 */
export async function importInto(
  page: Page,
  origin: string,
  source: ImportSource,
  count: number,
  { settleSeconds = 0, threads = false }: { settleSeconds?: number; threads?: boolean } = {},
): Promise<Omit<ImportResult, 'width' | 'height' | 'generateSeconds'>> {
  await page.goto(`${origin}/?backend=wasm`);
  await page.getByTestId('dataset-loaded').waitFor({ timeout: 120_000 });
  await page.getByTestId('dataset-select').selectOption('images');
  await page.evaluate(WATCH_PAGE);
  const rendererBytesBefore = rendererBytes();
  const tabBytesBefore = tabPrivateBytes();
  const renderer = sampleRendererPeak();
  // Stopped also when the import fails: a sampler left running would keep Node alive.
  const timing = await importAndRebuild(page, source, count, threads).finally(renderer.stop);
  const peaks = renderer.stop();
  const later = settleSeconds > 0 ? await watchTab(settleSeconds * 1000) : null;
  const settled = later && {
    seconds: settleSeconds,
    tabBytes: later.tab,
    peakTabBytes: Math.max(peaks.tab ?? 0, later.peakTab ?? 0) || null,
    lowTabBytes: later.lowTab,
  };
  const tabBytesAfter = await page.evaluate<number | null>(`(async () =>
    crossOriginIsolated && performance.measureUserAgentSpecificMemory
      ? (await performance.measureUserAgentSpecificMemory()).bytes
      : null)()`);
  return {
    count,
    source: source.kind,
    ...timing,
    imagesPerSecond: count / timing.importSeconds,
    peakTabBytes: peaks.tab,
    tabBytesBefore,
    peakRendererBytes: peaks.renderers,
    rendererBytesBefore,
    tabBytesAfter,
    settled,
  };
}

/**
 * Hands the files over and waits for the summary, then for the model rebuilt on the imported set; the
 * import's time, the page's peak JS heap, the longest main-thread task and (with `threads`) the CPU by
 * thread cover the import alone.
 */
async function importAndRebuild(
  page: Page,
  source: ImportSource,
  count: number,
  threads: boolean,
): Promise<{
  importSeconds: number;
  peakHeapBytes: number;
  longestTaskMs: number;
  threadCpu: ThreadGroup[] | null;
}> {
  if (source.kind === 'picker') await answerPicker(page, source.opfsName);
  const cpu = threads ? sampleThreadCpu() : null;
  const started = Date.now();
  if (source.kind === 'picker') await page.getByTestId('dataset-folder-input').click();
  else if (source.kind === 'folder') await page.getByTestId('dataset-folder-input').setInputFiles(source.dir);
  else await page.getByTestId('dataset-files-input').setInputFiles(source.path);
  const imported = page.getByTestId('summary-images').filter({ hasText: new RegExp(`^${count}$`) });
  // A refused or crashed import says so in the section's message instead of ever showing a summary.
  const failed = page.getByTestId('import-message').filter({ hasText: /failed|could not/i });
  await imported
    .or(failed)
    .waitFor({ timeout: 3_600_000 })
    .finally(() => cpu?.stop());
  const importSeconds = (Date.now() - started) / 1000;
  const threadCpu = cpu?.stop() ?? null;
  if (await failed.isVisible()) throw new Error(`the import failed: ${await failed.textContent()}`);
  const peakHeapBytes = Number(await page.evaluate('clearInterval(window.sampler), window.peakHeap'));
  const longestTaskMs = Number(await page.evaluate('window.taskObserver.disconnect(), window.longestTask'));
  // Then the worker builds the model for the imported set and runs a warm-up step: memory, not time.
  await waitInPage(page, REBUILT, 50, 600_000);
  return { importSeconds, peakHeapBytes, longestTaskMs, threadCpu };
}

export function describeImport(result: ImportResult): string {
  const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 2 ** 20).toFixed(0)} MiB`);
  return (
    `N=${result.count} (${result.width}×${result.height} JPEGs as a ${result.source}, generated in ` +
    `${result.generateSeconds.toFixed(1)} s): import ${result.importSeconds.toFixed(1)} s ` +
    `(${result.imagesPerSecond.toFixed(0)} images/s), peak tab memory ${mb(result.peakTabBytes)} ` +
    `(${mb(result.tabBytesBefore)} before the import; all renderers' resident memory ` +
    `${mb(result.rendererBytesBefore)} → peak ${mb(result.peakRendererBytes)}), ` +
    `peak page JS heap ${mb(result.peakHeapBytes)}, JS memory after import ${mb(result.tabBytesAfter)}, ` +
    (result.settled
      ? `tab memory ${result.settled.seconds} s after the rebuild ${mb(result.settled.tabBytes)} (low ` +
        `${mb(result.settled.lowTabBytes)} over the last ${result.settled.seconds / 2} s; peak ` +
        `${mb(result.settled.peakTabBytes)} counting those seconds), `
      : '') +
    `longest main-thread task ${result.longestTaskMs > 0 ? `${result.longestTaskMs.toFixed(0)} ms` : 'none over 50 ms'}` +
    (result.threadCpu ? `; ${describeThreadCpu(result.threadCpu)}` : '')
  );
}

/**
 * Encodes in the page (fast, native) and writes in Node, up to 50 images per round trip. `noise`: grain
 * over every picture, so that files are as large as a camera's (a 4000 × 3000 one is several MB) rather
 * than the few hundred kB of flat colour.
 */
async function writeJpegs(
  page: Page,
  dir: string,
  count: number,
  width: number,
  height: number,
  noise: boolean,
): Promise<void> {
  for (let c = 0; c < CLASSES; c++) mkdirSync(join(dir, `class${c}`), { recursive: true });
  const perTrip = Math.max(1, Math.min(50, Math.floor(50e6 / (width * height))));
  for (let start = 0; start < count; start += perTrip) {
    const batch = await page.evaluate(
      async ({ start, end, width, height, noise }) => {
        const canvas = new OffscreenCanvas(width, height);
        const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
        const grain = noise ? new OffscreenCanvas(width, height) : null;
        if (grain) {
          const pixels = new ImageData(width, height);
          for (let k = 0, x = 1; k < pixels.data.length; k++)
            pixels.data[k] = k % 4 === 3 ? 48 : (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
          (grain.getContext('2d') as OffscreenCanvasRenderingContext2D).putImageData(pixels, 0, 0);
        }
        const out: string[] = [];
        for (let i = start; i < end; i++) {
          context.fillStyle = `hsl(${(i * 37) % 360} 70% 50%)`;
          context.fillRect(0, 0, width, height);
          if (grain) context.drawImage(grain, (i * 7) % 16, 0);
          context.fillStyle = '#fff';
          context.beginPath();
          context.arc(((i * 53) % width) + 1, ((i * 97) % height) + 1, 60 + (i % 200), 0, 2 * Math.PI);
          context.fill();
          const bytes = new Uint8Array(
            await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 })).arrayBuffer(),
          );
          let binary = '';
          for (let k = 0; k < bytes.length; k += 0x8000)
            binary += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
          out.push(btoa(binary));
        }
        return out;
      },
      { start, end: Math.min(count, start + perTrip), width, height, noise },
    );
    batch.forEach((base64, k) => {
      const i = start + k;
      writeFileSync(join(dir, `class${i % CLASSES}`, `img${i}.jpg`), Buffer.from(base64, 'base64'));
    });
  }
}
