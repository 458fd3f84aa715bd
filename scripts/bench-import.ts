/**
 * npm run bench:import [-- --counts 1000,10000] [--size 1024x768] [--out dist-import] [--no-build]
 *   [--zip] [--noise] [--compare DIR] [--rounds 1] [--no-builtins]
 *
 * Builds and previews the app, prints the worker's load time of each built-in set, then per count makes N
 * JPEGs with the browser's own encoder, imports them through the real folder input, and prints the import
 * time, the renderer's peak memory (page and decode workers), the page's peak JS heap, the main thread's
 * longest task and the whole tab's memory after the import (scripts/bench/importImages.ts).
 * - `--zip`: also imports the same images as one stored .zip, through the files input.
 * - `--noise`: grainy pictures, as large as a camera's files (flat colour otherwise, a few hundred kB).
 * - `--compare DIR`: also imports the same files into another build (say, one of main made with
 *   `npx vite build --outDir DIR`), alternating with this one `--rounds` times, so that both see the same
 *   files and, on a shared machine, much the same load.
 * `npm run bench` measures N = 1,000 as one part of the whole benchmark.
 */
import { rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import {
  describeImport,
  generateFolder,
  importInto,
  zipFolder,
  type ImportSource,
} from './bench/importImages';
import { waitInPage } from './lib/waitInPage';
import { buildApp, launchChromium, startPreview, type PreviewServer } from './bench/server';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string =>
  args.includes(name) ? (args[args.indexOf(name) + 1] ?? fallback) : fallback;
const [WIDTH, HEIGHT] = option('--size', '1024x768').split('x').map(Number);
const counts = option('--counts', '1000').split(',').map(Number);
/** A build folder of this checkout's own, so benches in several worktrees do not clash. */
const BUILD_DIR = option('--out', join('node_modules', '.bench-import', 'dist'));
const compareDir = option('--compare', '');
const rounds = Number(option('--rounds', '1'));

async function main(): Promise<void> {
  if (!args.includes('--no-build')) buildApp(BUILD_DIR);
  const builds: [string, PreviewServer][] = [['this build', await startPreview(BUILD_DIR)]];
  if (compareDir) builds.push([compareDir, await startPreview(compareDir)]);
  const browser = await launchChromium(['--enable-precise-memory-info']);
  try {
    if (!args.includes('--no-builtins')) await benchBuiltins(await browser.newPage(), builds[0][1].origin);
    for (const count of counts) await benchCount(browser, builds, count);
  } finally {
    await browser.close();
    builds.forEach(([, server]) => server.stop());
  }
}

async function benchCount(browser: Browser, builds: [string, PreviewServer][], count: number): Promise<void> {
  const dir = join(tmpdir(), `cpc-bench-import-${count}-${process.pid}`);
  const zipPath = `${dir}.zip`;
  try {
    const maker = await browser.newPage();
    const generateSeconds = await generateFolder(
      maker,
      builds[0][1].origin,
      dir,
      count,
      WIDTH,
      HEIGHT,
      args.includes('--noise'),
    );
    await maker.close();
    const sources: ImportSource[] = [{ kind: 'folder', dir }];
    if (args.includes('--zip')) {
      const bytes = zipFolder(dir, zipPath);
      console.log(
        `zip of the ${count} images: ${(bytes / 2 ** 20).toFixed(0)} MiB (${statSync(zipPath).size} bytes)`,
      );
      sources.push({ kind: 'zip', path: zipPath });
    }
    for (let round = 0; round < rounds; round++)
      for (const source of sources)
        for (const [name, server] of builds) {
          const page = await browser.newPage();
          try {
            const result = await importInto(page, server.origin, source, count);
            console.log(
              `${name}: ${describeImport({ ...result, width: WIDTH, height: HEIGHT, generateSeconds })}`,
            );
          } catch (error) {
            console.log(
              `${name}: N=${count} as a ${source.kind}: ${error instanceof Error ? error.message : error}`,
            );
          } finally {
            await page.close();
          }
        }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(zipPath, { force: true });
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
    const changed = `document.querySelector('[data-testid="dataset-loaded"]')?.getAttribute('data-load-ms')`;
    await waitInPage(
      page,
      `(${changed} ?? null) !== null && ${changed} !== ${JSON.stringify(previous)}`,
      50,
      120_000,
    );
    previous = await loaded.getAttribute('data-load-ms');
    console.log(`${name}: ${previous} ms`);
  }
  await page.close();
}

await main();
