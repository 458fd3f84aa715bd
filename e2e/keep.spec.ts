import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clickStep,
  expect,
  openPlayground,
  stepCount,
  test,
  TINY_CONFIG,
  trainPauseAndSave,
  type Page,
} from './fixtures';
import { writePhotoFolder } from './imageFixtures';

/** Trains until at least `steps` steps, then pauses (which autosaves) and waits for the save. */
async function trainAndPause(page: Page, steps: number): Promise<number> {
  const paused = await trainPauseAndSave(page, steps);
  await closeRuns(page);
  return paused;
}

async function lossSummary(page: Page): Promise<string> {
  const text = (await page.getByTestId('loss-chart').textContent()) ?? '';
  return /Loss from [^)]*\)\./.exec(text)?.[0] ?? text;
}

async function openRuns(page: Page): Promise<void> {
  if ((await page.getByTestId('runs-dialog').count()) === 0) await page.getByTestId('runs-button').click();
  await expect(page.getByTestId('runs-dialog')).toBeVisible();
}

/** The dialog floats over the columns: closed before pressing their controls. */
async function closeRuns(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Close saved runs' }).click();
  await expect(page.getByTestId('runs-dialog')).toHaveCount(0);
}

test('pause autosaves; after a reload the run resumes at its step with the same losses and curves', async ({
  page,
}) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  const saved = await trainAndPause(page, 6);
  // The loss chart's summary (first, last, smoothed and lowest loss) once it shows the paused step.
  await expect.poll(() => lossSummary(page)).toContain(`at step ${saved} (`);
  const curvesBefore = await lossSummary(page);
  // The two steps after the checkpoint, run once here: the resumed run must reproduce them.
  const next = [await clickStep(page, saved + 1), await clickStep(page, saved + 2)];

  await page.reload();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
  const offer = page.getByTestId('resume-offer');
  await expect(offer).toContainText(`from step ${saved}`);
  await page.getByTestId('resume-run').click();
  await expect(page.getByTestId('step-count')).toHaveText(String(saved));
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  await expect(offer).toHaveCount(0);
  // The curves come back as saved: the checkpoint's history from step 1, not an empty run.
  await expect.poll(() => lossSummary(page)).toBe(curvesBefore);

  // Same weights, optimizer state and sampler streams: step saved+1 sees the same batch through the same
  // weights, and step saved+2 also follows the same Adam update. Equal up to float summation order
  // (shown to 4 decimals); any other batch or weights differ by more than 0.01 at this size.
  const resumed = [await clickStep(page, saved + 1), await clickStep(page, saved + 2)];
  expect(Math.abs(resumed[0] - next[0])).toBeLessThan(2e-3);
  expect(Math.abs(resumed[1] - next[1])).toBeLessThan(2e-3);
  await openRuns(page);
  await expect(page.getByTestId('resume-time')).toHaveAttribute('data-ms', /^\d+$/);
});

test('the run list shows the run; rename and delete work', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  const saved = await trainAndPause(page, 3);
  await openRuns(page);
  const row = page.getByTestId('run-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Fashion-MNIST');
  await expect(row.getByTestId('run-steps')).toHaveText(String(saved));
  await expect(row.getByTestId('run-size')).toHaveText(/^\d+(\.\d)? (KB|MB|B)$/);

  await row.getByTestId('run-rename').click();
  await row.getByTestId('run-name-input').fill('tiny wasm run');
  await row.getByTestId('run-name-save').click();
  await expect(row.getByTestId('run-name')).toContainText('tiny wasm run');
  // The name holds across a reload (it is stored, not only shown).
  await page.reload();
  await expect(page.getByTestId('resume-offer')).toContainText('tiny wasm run');
  await openRuns(page);
  await row.getByTestId('run-delete').click();
  await row.getByTestId('run-delete-confirm').click();
  await expect(page.getByTestId('run-row')).toHaveCount(0);
  await expect(page.getByTestId('resume-offer')).toHaveCount(0);
});

test('a corrupt checkpoint file is refused with a message and the run trains on', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await page.getByTestId('start').click();
  await expect.poll(() => stepCount(page)).toBeGreaterThanOrEqual(2);
  await openRuns(page);
  await page.getByTestId('checkpoint-input').setInputFiles({
    name: 'holiday.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from('PK\u0003\u0004 this is not really a zip'),
  });
  await expect(page.getByTestId('keep-error')).toContainText('holiday.zip was not loaded.');
  await expect(page.getByTestId('keep-error')).toContainText('The current run goes on.');
  const before = await stepCount(page);
  await expect.poll(() => stepCount(page)).toBeGreaterThan(before);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
});

test('storage refused (private mode): a clear message, and training goes on', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', {
      configurable: true,
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await expect(page.getByTestId('keep-error')).toContainText('refuses to keep data');
  await expect(page.getByTestId('keep-error')).toContainText('Training goes on.');
  await clickStep(page, 1);
  await clickStep(page, 2);
});

test('a full disk: the save fails with a message, and training goes on', async ({ page }) => {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if (this.name === 'runs') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await page.getByTestId('start').click();
  await expect.poll(() => stepCount(page)).toBeGreaterThanOrEqual(2);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('keep-error')).toContainText('Browser storage is full');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  const paused = await stepCount(page);
  await clickStep(page, paused + 1);
});

/** Imports a two-class folder of twelve 20 px images through the data panel; returns its name. */
async function importPhotos(page: Page, root: string): Promise<void> {
  writePhotoFolder(root);
  await page.getByTestId('dataset-select').selectOption('images');
  await page.getByTestId('dataset-folder-input').setInputFiles(root);
  await expect(page.getByTestId('dataset-summary').getByTestId('summary-images')).toHaveText('12');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
}

test('an imported folder kept with the run resumes without a re-import', async ({ page }, testInfo) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await importPhotos(page, testInfo.outputPath('photos'));
  await openRuns(page);
  // 12 images of 28×28 RGB pixels: the config is fitted to the 20 px colour images.
  await expect(page.getByTestId('keep-images').locator('..')).toContainText('(28 KB)');
  await page.getByTestId('keep-images').check();
  await closeRuns(page);
  const saved = await trainAndPause(page, 3);
  await openRuns(page);
  await expect(page.getByTestId('run-row')).toContainText('photos');
  await expect(page.getByTestId('run-size')).not.toHaveText('0 B');

  await page.reload();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
  await page.getByTestId('resume-run').click();
  await expect(page.getByTestId('step-count')).toHaveText(String(saved));
  await expect(page.getByTestId('folder-request')).toHaveCount(0);
  await expect(page.getByTestId('dataset-summary').getByTestId('summary-images')).toHaveText('12');
  // The data panel follows the resumed run's set rather than the set the page opened with.
  await expect(page.getByTestId('dataset-select')).toHaveValue('images');
  await clickStep(page, saved + 1);
});

test('an imported folder not kept is asked for again, by name', async ({ page }, testInfo) => {
  const root = testInfo.outputPath('photos');
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await importPhotos(page, root);
  const saved = await trainAndPause(page, 3);

  await page.reload();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
  await page.getByTestId('resume-run').click();
  const request = page.getByTestId('folder-request');
  await expect(request).toContainText('trained on the folder “photos”');
  await request.getByTestId('dataset-folder-input').setInputFiles(root);
  await expect(page.getByTestId('step-count')).toHaveText(String(saved));
  await expect(request).toHaveCount(0);
  await clickStep(page, saved + 1);
});

test("a headless runner's checkpoint, dropped on the page, continues from its step", async ({ page }) => {
  test.slow();
  const out = mkdtempSync(join(tmpdir(), 'keep-runner-'));
  const args = ['--data', 'synthetic', '--steps', '4', '--out', out, '--backend', 'wasm'];
  execFileSync('npx', ['tsx', 'scripts/train.ts', ...args, '--config', JSON.stringify(TINY_CONFIG)], {
    stdio: 'ignore',
  });
  const bytes = readFileSync(join(out, 'checkpoint.cpc.zip'));

  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  const drop = await page.evaluateHandle((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], 'checkpoint.cpc.zip', { type: 'application/zip' }));
    return transfer;
  }, Array.from(bytes));
  await page.locator('main').dispatchEvent('drop', { dataTransfer: drop });
  await expect(page.getByTestId('step-count')).toHaveText('4');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('keep-error')).toHaveCount(0);
  await clickStep(page, 5);
});

/**
 * Measurement for the report, not a check: `KEEP_MEASURE=1` prints each preset's checkpoint size, its
 * save time in the worker and the time from Resume to `resumed`, on wasm after one step.
 */
test('measure: checkpoint size, save time and resume time per preset', async ({ page }) => {
  test.skip(!process.env.KEEP_MEASURE, 'set KEEP_MEASURE=1 to measure');
  test.setTimeout(900_000);
  await openPlayground(page, { backend: 'wasm' });
  let lastResumeMs: string | null = null;
  for (const preset of ['quick-demo', 'default', 'keras-cpc', 'cpc-v2']) {
    // At step 0 a preset rebuilds at once; after the first preset's step it asks once.
    await page.getByTestId('preset').selectOption(preset);
    const confirm = page.getByTestId('preset-confirm-rebuild');
    if (await confirm.isVisible()) await confirm.click();
    await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 300_000 });
    await clickStep(page, 1);
    await openRuns(page);
    await page.getByTestId('save-now').click();
    const lastSave = page.getByTestId('last-save');
    await expect(lastSave).toContainText('Saved step 1:', { timeout: 120_000 });
    const bytes = Number(await lastSave.getAttribute('data-bytes'));
    const saveMs = await lastSave.getAttribute('data-save-ms');
    const runId = await page.getByTestId('run-row').first().getAttribute('data-run-id');
    const before = Date.now();
    await page.locator(`[data-run-id="${runId}"]`).getByTestId('run-resume').click();
    await expect(page.getByTestId('resume-time')).toBeVisible({ timeout: 300_000 });
    await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 300_000 });
    const resumeTime = page.getByTestId('resume-time');
    await expect.poll(() => resumeTime.getAttribute('data-ms')).not.toBe(lastResumeMs);
    const resumeMs = await resumeTime.getAttribute('data-ms');
    lastResumeMs = resumeMs;
    await closeRuns(page);
    console.log(
      `${preset}: checkpoint ${(bytes / 1e6).toFixed(2)} MB, save ${saveMs} ms, resume ${resumeMs} ms (page ${Date.now() - before} ms)`,
    );
  }
});
