/**
 * npm run bench -- import [--counts 1000,10000] [--size 1024x768] [--zip] [--picker] [--noise] [--compare DIR]
 *   [--rounds 1] [--no-builtins] [--settle S] [--threads] [--floor]   (USAGE below)
 *
 * Builds and previews the app, prints the worker's load time of each built-in set, then per count makes N
 * JPEGs with the browser's own encoder, imports them through the real folder input, and prints the import
 * time, the tab's peak private memory (page, decode and training workers) until the model is rebuilt for
 * the imported set, beside all renderers' resident memory, the page's peak JS heap, the main thread's
 * longest task and the whole tab's JS memory after the import (scripts/bench/importImages.ts).
 * `npm run bench` measures N = 1,000 as one part of the whole benchmark.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { numberOption, parseCommandLine, sizeOption } from '../../lib/cli';
import { waitInPage } from '../../lib/waitInPage';
import { openApp } from '../app';
import { APP_OPTIONS, APP_USAGE, appOptions } from '../appOptions';
import { describeImport, generateFolder, importInto, type ImportSource } from '../importImages';
import { zipFolder } from '../zipFolder';
import { copyToOpfs } from '../opfsFolder';
import { describeFloor, measureImportFloor } from '../importFloor';
import { launchChromiumOnDisk, startPreview, type PreviewServer } from '../server';

export const USAGE = `npm run bench -- import [options]: importing generated JPEGs in Chromium
  --counts LIST       how many images per import (default 1000)
  --size WxH          their size (default 1024x768)
  --zip               also import the same images as one stored .zip, through the files input
  --picker            also import them through showDirectoryPicker (this build only: the folder is
                      copied into the page's origin-private file system first, which the picker answers)
  --noise             grainy pictures, as large as a camera's files (flat colour otherwise, a few hundred kB)
  --compare DIR       also import the same files into another build (say, one of main made with
                      npx vite build --outDir DIR), alternating with this one --rounds times
  --rounds N          rounds of --compare (default 1)
  --no-builtins       skip the load times of the built-in sets
  --settle S          also watch the tab's memory for S seconds after the rebuild (the step-0 probe
                      runs then): its memory at the end, its low over the last S/2 s, and its peak
                      counting them (default 0: not)
  --threads           also print the CPU seconds of Chromium's threads over each import, by process
                      and thread name (Linux; reading /proc every 100 ms costs a little CPU itself)
  --floor             also read and decode the same folder in bare workers, with no app code, and print
                      their time and CPU per file: what an import cannot go under in this browser here
${APP_USAGE}`;

const IMPORT_OPTIONS = {
  ...APP_OPTIONS,
  counts: { type: 'string' },
  size: { type: 'string' },
  zip: { type: 'boolean' },
  picker: { type: 'boolean' },
  noise: { type: 'boolean' },
  compare: { type: 'string' },
  rounds: { type: 'string' },
  'no-builtins': { type: 'boolean' },
  settle: { type: 'string' },
  threads: { type: 'boolean' },
  floor: { type: 'boolean' },
} as const;

interface ImportOptions {
  counts: number[];
  width: number;
  height: number;
  zip: boolean;
  picker: boolean;
  noise: boolean;
  rounds: number;
  settleSeconds: number;
  threads: boolean;
  floor: boolean;
}

export async function run(argv: string[]): Promise<void> {
  const values = parseCommandLine(argv, IMPORT_OPTIONS);
  const [width, height] = sizeOption(values.size, 'size', [1024, 768]);
  const options: ImportOptions = {
    counts: (values.counts ?? '1000').split(',').map((n) => numberOption(n, 'counts', 1, 1)),
    width,
    height,
    zip: values.zip ?? false,
    picker: values.picker ?? false,
    noise: values.noise ?? false,
    rounds: numberOption(values.rounds, 'rounds', 1, 1),
    settleSeconds: numberOption(values.settle, 'settle', 0, 0),
    threads: values.threads ?? false,
    floor: values.floor ?? false,
  };
  const app = await openApp(appOptions(values), ['--enable-precise-memory-info']);
  const builds: [string, PreviewServer][] = [['this build', { origin: app.origin, stop: () => {} }]];
  try {
    if (values.compare) builds.push([values.compare, await startPreview(values.compare)]);
    if (!values['no-builtins']) {
      // Closed after: a second app tab would blur the tab memory that the imports measure.
      const page = await app.browser.newPage();
      await benchBuiltins(page, app.origin);
      await page.close();
    }
    for (const count of options.counts) await benchCount(app.browser, builds, count, options);
  } finally {
    builds.forEach(([, server]) => server.stop());
    await app.close();
  }
}

const OPFS_NAME = 'cpc-bench-import';

async function benchCount(
  browser: Browser,
  builds: [string, PreviewServer][],
  count: number,
  options: ImportOptions,
): Promise<void> {
  const dir = join(tmpdir(), `cpc-bench-import-${count}-${process.pid}`);
  const zipPath = `${dir}.zip`;
  // Imports run in a profile on disk, as a user's browser does: a large import is kept in its file system.
  const profile = mkdtempSync(join(tmpdir(), 'cpc-bench-profile-'));
  const onDisk = await launchChromiumOnDisk(profile, ['--enable-precise-memory-info']);
  try {
    const maker = await browser.newPage();
    const generateSeconds = await generateFolder(
      maker,
      builds[0][1].origin,
      dir,
      count,
      options.width,
      options.height,
      options.noise,
    );
    const sources: ImportSource[] = [{ kind: 'folder', dir }];
    if (options.zip) {
      const bytes = zipFolder(dir, zipPath);
      console.log(
        `zip of the ${count} images: ${(bytes / 2 ** 20).toFixed(0)} MiB (${statSync(zipPath).size} bytes)`,
      );
      sources.push({ kind: 'zip', path: zipPath });
    }
    // Closed before the imports: a second app tab would blur the tab memory that they measure.
    await maker.close();
    if (options.picker) {
      // Copied into the profile's file system, on disk: the picker's files are then read from disk, as a
      // user's folder is (a context without a profile would hold them in the browser's memory).
      const copier = await onDisk.newPage();
      await copier.goto(builds[0][1].origin);
      await copyToOpfs(copier, dir, OPFS_NAME);
      await copier.close();
      sources.push({ kind: 'picker', opfsName: OPFS_NAME });
    }
    // Before the imports, in the same profile: the browser's own cost of reading and decoding the folder.
    if (options.floor)
      console.log(
        describeFloor(
          await measureImportFloor(onDisk, builds[0][1].origin, dir, options.width, options.height),
        ),
      );
    for (let round = 0; round < options.rounds; round++)
      for (const source of sources)
        // Another build may predate the picker: it would open its input's own dialog and wait for ever.
        for (const build of source.kind === 'picker' ? builds.slice(0, 1) : builds)
          await importOnce(onDisk, build, source, count, { ...options, generateSeconds });
  } finally {
    await onDisk.close();
    rmSync(profile, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    rmSync(zipPath, { force: true });
  }
}

/** One import of `source` into a fresh tab of `build`, printed. */
async function importOnce(
  context: BrowserContext,
  [name, server]: [string, PreviewServer],
  source: ImportSource,
  count: number,
  options: ImportOptions & { generateSeconds: number },
): Promise<void> {
  const page = await context.newPage();
  try {
    const result = await importInto(page, server.origin, source, count, options);
    const { width, height, generateSeconds } = options;
    console.log(`${name}: ${describeImport({ ...result, width, height, generateSeconds })}`);
  } catch (error) {
    console.log(`${name}: N=${count} as a ${source.kind}: ${error instanceof Error ? error.message : error}`);
  } finally {
    await page.close();
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
