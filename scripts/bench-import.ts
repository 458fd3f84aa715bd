/**
 * npm run bench:import [-- --counts 1000,10000] [--size 1024x768] [--no-build]
 *
 * Builds and previews the app, prints the worker's load time of each built-in set, then makes N JPEGs of
 * 1024×768 with the browser's own encoder, imports them through the real folder input, and prints the
 * import time, the page's peak JS heap and the whole tab's memory after the import
 * (scripts/bench/importImages.ts). `npm run bench` measures N = 1,000 as one part of the whole benchmark.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { benchImport, describeImport } from './bench/importImages';
import { buildApp, launchChromium, startPreview } from './bench/server';

const BUILD_DIR = join('node_modules', '.bench-import', 'dist');

const args = process.argv.slice(2);
const [WIDTH, HEIGHT] = (args.includes('--size') ? args[args.indexOf('--size') + 1] : '1024x768')
  .split('x')
  .map(Number);
const countsArg = args[args.indexOf('--counts') + 1];
const counts = args.includes('--counts') ? countsArg.split(',').map(Number) : [1000];

async function main(): Promise<void> {
  if (!args.includes('--no-build')) buildApp(BUILD_DIR);
  const server = await startPreview(BUILD_DIR);
  const browser = await launchChromium(['--enable-precise-memory-info']);
  try {
    await benchBuiltins(await browser.newPage(), server.origin);
    for (const count of counts) {
      const page = await browser.newPage();
      console.log(describeImport(await benchImport(page, server.origin, count, WIDTH, HEIGHT)));
      await page.close();
    }
  } finally {
    await browser.close();
    server.stop();
  }
}

/** The worker's own load time (fetch, decode, cut, split) for each built-in set, on a warm server. */
async function benchBuiltins(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/?backend=wasm`);
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

await main();
