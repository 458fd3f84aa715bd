import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Download, Request } from '@playwright/test';
import { clickStep, expect, openPlayground, test, TINY_CONFIG, type Page } from './fixtures';
import { pngFile } from './imageFixtures';

declare global {
  interface Window {
    /** Filled by an init script: every CSP violation the page reports. */
    cspViolations: string[];
  }
}

/** Every request of a session, from the page, its workers (reported on the page) and service workers. */
function recordRequests(page: Page): { url: string; type: string }[] {
  const seen = new Set<Request>();
  const log: { url: string; type: string }[] = [];
  const record = (request: Request) => {
    if (seen.has(request)) return;
    seen.add(request);
    log.push({ url: request.url(), type: request.resourceType() });
  };
  page.on('request', record);
  page.context().on('request', record);
  page.on('websocket', (socket) => log.push({ url: socket.url(), type: 'websocket' }));
  return log;
}

/** Local: the page's own origin, or a blob:/data: URL made by the page (exports, thumbnails). */
function leavesOrigin(url: string, origin: string): boolean {
  if (url.startsWith('data:')) return false;
  return new URL(url.startsWith('blob:') ? url.slice('blob:'.length) : url).origin !== origin;
}

async function exportAll(page: Page, item: string): Promise<Download> {
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('export-menu').click();
  await page.getByTestId(`export-${item}`).click();
  return download;
}

test('a whole session sends nothing beyond the page’s origin, and the CSP stops what would', async ({
  page,
  consoleErrors,
}, testInfo) => {
  test.slow();
  const log = recordRequests(page);
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.cspViolations.push(`${event.effectiveDirective} ${event.blockedURI}`),
    );
  });

  // Load (the built-in set is fetched by the training worker), import a folder, train, probe.
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  const origin = new URL(page.url()).origin;
  const root = testInfo.outputPath('photos');
  for (const [path, seed] of [
    ['cats/a.png', 1],
    ['cats/b.png', 2],
    ['dogs/a.png', 3],
    ['dogs/b.png', 4],
  ] as const) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), pngFile(20, 20, seed));
  }
  await page.getByTestId('dataset-select').selectOption('images');
  await page.getByTestId('dataset-folder-input').setInputFiles(root);
  await expect(page.getByTestId('summary-images')).toHaveText('4');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
  for (let step = 1; step <= 3; step++) await clickStep(page, step);
  await page.getByTestId('probe-run').click();
  await expect(page.getByTestId('probe-result')).toBeVisible({ timeout: 120_000 });

  // Export everything, the loss chart's PNG too; the checkpoint comes back through the file input (the archive worker) and resumes.
  for (const item of ['encoder', 'embeddings', 'metrics', 'pytorch']) await exportAll(page, item);
  const chartPng = page.waitForEvent('download');
  await page.getByTestId('loss-chart').getByTestId('chart-png').click();
  expect((await chartPng).suggestedFilename()).toBe('loss.png');
  const checkpoint = await exportAll(page, 'checkpoint');
  await page.getByTestId('runs-button').click();
  await page.getByTestId('save-now').click();
  await expect(page.getByTestId('last-save')).toContainText('Saved step 3:');
  await page.getByTestId('checkpoint-input').setInputFiles(await checkpoint.path());
  await page.getByRole('button', { name: 'Close saved runs' }).click();
  // The images were not kept with the run, so the page asks for the folder again.
  await page.getByTestId('folder-request').getByTestId('dataset-folder-input').setInputFiles(root);
  await expect(page.getByTestId('folder-request')).toHaveCount(0);
  await expect(page.getByTestId('keep-error')).toHaveCount(0);
  await expect(page.getByTestId('step-count')).toHaveText('3');
  await clickStep(page, 4);

  const offOrigin = log.filter((entry) => leavesOrigin(entry.url, origin));
  const byType = Object.entries(
    log.reduce<Record<string, number>>(
      (counts, { type }) => ({ ...counts, [type]: (counts[type] ?? 0) + 1 }),
      {},
    ),
  );
  console.log(`${log.length} requests, all to ${origin} or local blob:/data: URLs unless listed below.`);
  console.log(`by type: ${byType.map(([type, n]) => `${type} ${n}`).join(', ')}`);
  console.log(
    `paths: ${[...new Set(log.map((e) => e.url.replace(/[?#].*$/, '').replace(/^blob:.*/, 'blob:…')))].join(' ')}`,
  );
  expect(offOrigin, 'requests that leave the origin').toEqual([]);
  expect(await page.evaluate(() => window.cspViolations)).toEqual([]);

  // The policy is in force: a fetch elsewhere is refused by CSP, in the page and in a worker.
  const blocked = await page.evaluate(() =>
    fetch('https://example.com/upload', { method: 'POST' }).then(
      () => 'sent',
      () => 'refused',
    ),
  );
  expect(blocked).toBe('refused');
  // One report per policy in force: the meta tag's and the server's header.
  await expect
    .poll(async () => [...new Set(await page.evaluate(() => window.cspViolations))])
    .toEqual(['connect-src https://example.com/upload']);
  const worker = page.workers().find((w) => w.url().includes('training'));
  expect(worker, 'the training worker').toBeDefined();
  // A worker's policy comes with its script's response (the server's header), not from the page's meta.
  const inWorker = await worker!.evaluate(
    () =>
      new Promise<string>((resolve) => {
        self.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective));
        fetch('https://example.com/upload').catch(() => setTimeout(() => resolve('no violation'), 1000));
      }),
  );
  expect(inWorker).toBe('connect-src');
  // The browser logs both refusals as errors; they were the point, so they do not fail the test.
  const expected = (text: string) => /Content Security Policy|example\.com/.test(text);
  expect(consoleErrors.filter(expected).length).toBeGreaterThanOrEqual(2);
  consoleErrors.splice(0, consoleErrors.length, ...consoleErrors.filter((text) => !expected(text)));
});
