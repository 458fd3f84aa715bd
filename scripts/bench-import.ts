/**
 * npm run bench:import [-- --counts 1000,10000] [--size 1024x768] [--no-build]
 *
 * Builds and previews the app, makes N JPEGs of 1024×768 with the browser's own encoder (ten class
 * folders), imports them through the real folder input, and prints the import time and the page's peak
 * JS heap (sampled every 100 ms), plus the whole tab's memory after the import (main thread and decode
 * workers, from measureUserAgentSpecificMemory, which the app's cross-origin isolation allows).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { run, waitForServer } from './lib/processes';

const PORT = 4175;
const CLASSES = 10;

const args = process.argv.slice(2);
const [WIDTH, HEIGHT] = (args.includes('--size') ? args[args.indexOf('--size') + 1] : '1024x768')
  .split('x')
  .map(Number);
const countsArg = args[args.indexOf('--counts') + 1];
const counts = args.includes('--counts') ? countsArg.split(',').map(Number) : [1000];

async function main(): Promise<void> {
  if (!args.includes('--no-build')) run('npx', ['vite', 'build']);
  // Vite itself, not through npx: killing npx would leave the preview server running.
  const server = spawn(
    join('node_modules', '.bin', 'vite'),
    ['preview', '--port', String(PORT), '--strictPort'],
    {
      stdio: 'ignore',
    },
  );
  const chromiumPath = '/usr/bin/chromium';
  const browser = await chromium.launch({
    executablePath: existsSync(chromiumPath) ? chromiumPath : undefined,
    args: ['--no-sandbox', '--enable-precise-memory-info'],
  });
  try {
    await waitForServer(`http://localhost:${PORT}`);
    await benchBuiltins(await browser.newPage());
    for (const count of counts) await benchOne(await browser.newPage(), count);
  } finally {
    await browser.close();
    server.kill();
  }
}

/** The worker's own load time (fetch, decode, cut, split) for each built-in set, on a warm server. */
async function benchBuiltins(page: Page): Promise<void> {
  await page.goto(`http://localhost:${PORT}/?backend=wasm`);
  const loaded = page.getByTestId('dataset-loaded');
  let previous = await loaded.getAttribute('data-load-ms', { timeout: 120_000 });
  console.log(`fashion-mnist (first load after page open): ${previous} ms`);
  for (const name of ['mnist', 'fashion-mnist']) {
    await page.getByTestId('dataset-select').selectOption(name);
    await page.waitForFunction(
      (before) => {
        const value = document.querySelector('[data-testid="dataset-loaded"]')?.getAttribute('data-load-ms');
        return value !== undefined && value !== null && value !== before;
      },
      previous,
      { timeout: 120_000 },
    );
    previous = await loaded.getAttribute('data-load-ms');
    console.log(`${name}: ${previous} ms`);
  }
  await page.close();
}

async function benchOne(page: Page, count: number): Promise<void> {
  await page.goto(`http://localhost:${PORT}/?backend=wasm`);
  await page.getByTestId('dataset-loaded').waitFor({ timeout: 120_000 });
  const dir = join(tmpdir(), `cpc-bench-import-${count}`);
  rmSync(dir, { recursive: true, force: true });
  const madeAt = Date.now();
  await writeJpegs(page, dir, count);
  console.log(
    `N=${count}: generated ${count} JPEGs of ${WIDTH}×${HEIGHT} in ${((Date.now() - madeAt) / 1000).toFixed(1)} s`,
  );

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
  const seconds = (Date.now() - started) / 1000;
  const peakHeap = Number(await page.evaluate('clearInterval(window.sampler), window.peakHeap'));
  const tab = await page.evaluate<number | null>(`(async () =>
    crossOriginIsolated && performance.measureUserAgentSpecificMemory
      ? (await performance.measureUserAgentSpecificMemory()).bytes
      : null)()`);
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  console.log(
    `N=${count}: import ${seconds.toFixed(1)} s (${(count / seconds).toFixed(0)} images/s), ` +
      `peak page JS heap ${mb(peakHeap)}, tab memory after import ${tab === null ? 'n/a' : mb(tab)}`,
  );
  rmSync(dir, { recursive: true, force: true });
  await page.close();
}

/** Encodes in the page (fast, native) and writes in Node, 50 images per round trip. */
async function writeJpegs(page: Page, dir: string, count: number): Promise<void> {
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
      { start, end: Math.min(count, start + 50), width: WIDTH, height: HEIGHT },
    );
    batch.forEach((base64, k) => {
      const i = start + k;
      writeFileSync(join(dir, `class${i % CLASSES}`, `img${i}.jpg`), Buffer.from(base64, 'base64'));
    });
  }
}

await main();
