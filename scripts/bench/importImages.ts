/**
 * Import time of N generated JPEGs through the playground's real folder input: the images are made with
 * the browser's own encoder (ten class folders), written to a temporary folder, and imported; the page's
 * JS heap is sampled every 100 ms, and the whole tab's memory (main thread and decode workers) read after
 * the import with measureUserAgentSpecificMemory, which the app's cross-origin isolation allows.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

const CLASSES = 10;

export interface ImportResult {
  count: number;
  width: number;
  height: number;
  generateSeconds: number;
  importSeconds: number;
  imagesPerSecond: number;
  peakHeapBytes: number;
  tabBytesAfter: number | null;
}

/** `page`: a fresh page of the served app (it is navigated and left on the imported set). */
export async function benchImport(
  page: Page,
  origin: string,
  count: number,
  width: number,
  height: number,
): Promise<ImportResult> {
  await page.goto(`${origin}/?backend=wasm`);
  await page.getByTestId('dataset-loaded').waitFor({ timeout: 120_000 });
  const dir = join(tmpdir(), `cpc-bench-import-${count}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  try {
    const madeAt = Date.now();
    await writeJpegs(page, dir, count, width, height);
    const generateSeconds = (Date.now() - madeAt) / 1000;
    await page.getByTestId('dataset-select').selectOption('images');
    // Strings, not functions: tsx's helpers (__name) do not exist in the page.
    await page.evaluate(`
      window.peakHeap = performance.memory.usedJSHeapSize;
      window.sampler = setInterval(() => {
        window.peakHeap = Math.max(window.peakHeap, performance.memory.usedJSHeapSize);
      }, 100);
    `);
    const started = Date.now();
    await page.getByTestId('dataset-folder-input').setInputFiles(dir);
    await page
      .getByTestId('summary-images')
      .filter({ hasText: new RegExp(`^${count}$`) })
      .waitFor({ timeout: 3_600_000 });
    const importSeconds = (Date.now() - started) / 1000;
    const peakHeapBytes = Number(await page.evaluate('clearInterval(window.sampler), window.peakHeap'));
    const tabBytesAfter = await page.evaluate<number | null>(`(async () =>
      crossOriginIsolated && performance.measureUserAgentSpecificMemory
        ? (await performance.measureUserAgentSpecificMemory()).bytes
        : null)()`);
    return {
      count,
      width,
      height,
      generateSeconds,
      importSeconds,
      imagesPerSecond: count / importSeconds,
      peakHeapBytes,
      tabBytesAfter,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function describeImport(result: ImportResult): string {
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  return (
    `N=${result.count} (${result.width}×${result.height} JPEGs, generated in ${result.generateSeconds.toFixed(1)} s): ` +
    `import ${result.importSeconds.toFixed(1)} s (${result.imagesPerSecond.toFixed(0)} images/s), ` +
    `peak page JS heap ${mb(result.peakHeapBytes)}, tab memory after import ` +
    `${result.tabBytesAfter === null ? 'n/a' : mb(result.tabBytesAfter)}`
  );
}

/** Encodes in the page (fast, native) and writes in Node, 50 images per round trip. */
async function writeJpegs(
  page: Page,
  dir: string,
  count: number,
  width: number,
  height: number,
): Promise<void> {
  for (let c = 0; c < CLASSES; c++) mkdirSync(join(dir, `class${c}`), { recursive: true });
  for (let start = 0; start < count; start += 50) {
    const batch = await page.evaluate(
      async ({ start, end, width, height }) => {
        const canvas = new OffscreenCanvas(width, height);
        const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
        const out: string[] = [];
        for (let i = start; i < end; i++) {
          context.fillStyle = `hsl(${(i * 37) % 360} 70% 50%)`;
          context.fillRect(0, 0, width, height);
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
      { start, end: Math.min(count, start + 50), width, height },
    );
    batch.forEach((base64, k) => {
      const i = start + k;
      writeFileSync(join(dir, `class${i % CLASSES}`, `img${i}.jpg`), Buffer.from(base64, 'base64'));
    });
  }
}
