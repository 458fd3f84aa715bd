import { clickStep, expect, openPlayground, stepCount, test, TINY_CONFIG, type Page } from './fixtures';

// A real loss: the test hook destroys the GPUDevice under tfjs (SwiftShader here), and device.lost fires.
test('webgpu: a lost device is reported and the run goes on from its snapshot on a fresh device', async ({
  page,
}) => {
  await openPlayground(page, { backend: 'webgpu', config: TINY_CONFIG, testHooks: true });
  await clickStep(page, 1);
  await clickStep(page, 2);
  await expect(page.getByTestId('gpu-memory')).toHaveText(/^\d+(\.\d)? (KB|MB)$/);
  await page.evaluate(() =>
    (window as Window & { cpcTestHooks?: { loseDevice: () => void } }).cpcTestHooks?.loseDevice(),
  );

  const error = page.getByTestId('error');
  await expect(error).toContainText('The WebGPU device was lost (destroyed)', { timeout: 60_000 });
  await expect(error).toContainText('rebuilt on webgpu from its snapshot at step 2', { timeout: 120_000 });
  await expect(error).toContainText('press Start');
  await expect(page.getByTestId('backend')).toHaveText(/^webgpu: /);
  await expect(page.getByTestId('step-count')).toHaveText('2');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');

  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText('3', { timeout: 120_000 });
  await expect(page.getByTestId('loss-value')).toHaveText(/^\d+\.\d{4}$/);
});

test('the device-loss hook is refused with a message where there is no GPU device', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG, testHooks: true });
  await page.evaluate(() =>
    (window as Window & { cpcTestHooks?: { loseDevice: () => void } }).cpcTestHooks?.loseDevice(),
  );
  await expect(page.getByTestId('error')).toHaveText(/wasm backend has no GPU device to lose/);
  // Refused, not broken: the run still trains.
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText('1', { timeout: 60_000 });
});

interface TestHooks {
  killWorker: () => void;
  failNextSave: () => void;
}

async function callHook(page: Page, hook: keyof TestHooks): Promise<void> {
  await page.evaluate(
    (name) => (window as Window & { cpcTestHooks?: TestHooks }).cpcTestHooks?.[name](),
    hook,
  );
}

async function openRuns(page: Page): Promise<void> {
  if ((await page.getByTestId('runs-dialog').count()) === 0) await page.getByTestId('runs-button').click();
  await expect(page.getByTestId('runs-dialog')).toBeVisible();
}

/** The dialog floats over the columns: closed before pressing their controls. */
async function closeRuns(page: Page): Promise<void> {
  if ((await page.getByTestId('runs-dialog').count()) > 0)
    await page.getByRole('button', { name: 'Close saved runs' }).click();
  await expect(page.getByTestId('runs-dialog')).toHaveCount(0);
}

/** Trains at least `steps` more steps on Start, then pauses; returns the step it paused at. */
async function trainAndPause(page: Page, steps: number): Promise<number> {
  const from = await stepCount(page);
  await page.getByTestId('start').click();
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(from + steps);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  return stepCount(page);
}

/** Pausing autosaves: waits until the save of `step` is stored. */
async function expectSavedAt(page: Page, step: number): Promise<void> {
  await openRuns(page);
  await expect(page.getByTestId('last-save')).toContainText(`Saved step ${step}:`);
  await closeRuns(page);
}

test('wasm: a worker that dies mid-step is noticed, and one click continues the run from its last save', async ({
  page,
}) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG, testHooks: true });
  const saved = await trainAndPause(page, 3);
  await expectSavedAt(page, saved);

  await callHook(page, 'killWorker');
  await page.getByTestId('start').click();
  const crash = page.getByTestId('crash');
  await expect(crash).toContainText(`; the steps after it are lost. Restart from step ${saved}`);
  const shown = await crash.textContent();
  console.log('worker death:', shown);
  expect(shown).toMatch(
    /^The training worker crashed: it ended without a word \(out of memory, or closed by the browser\)\. Kept: .+ as saved at step \d+; the steps after it are lost\. Restart from step \d+$/,
  );
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'crashed');

  await page.getByTestId('restart').click();
  await expect(page.getByTestId('step-count')).toHaveText(String(saved), { timeout: 120_000 });
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  await expect(crash).toHaveCount(0);
  await clickStep(page, saved + 1);
});

/**
 * Makes IndexedDB writes fail as a full disk does, while `window.cpcStorageFull` is true: the write is
 * queued, then its whole transaction aborts with a QuotaExceededError (as Chromium's commit-time quota
 * check does), so nothing of it is stored.
 */
function installQuotaFault(): void {
  const doomed = new WeakSet<IDBTransaction>();
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
    const request = put.apply(this, args);
    const tx = this.transaction;
    if ((window as Window & { cpcStorageFull?: boolean }).cpcStorageFull && !doomed.has(tx)) {
      doomed.add(tx);
      const error = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      Object.defineProperty(tx, 'error', { value: error });
      queueMicrotask(() => tx.abort());
    }
    return request;
  };
}

async function setStorageFull(page: Page, full: boolean): Promise<void> {
  await page.evaluate((value) => {
    (window as Window & { cpcStorageFull?: boolean }).cpcStorageFull = value;
  }, full);
}

test('wasm: storage fills up while autosaving: a message, training goes on, and saving resumes once freed', async ({
  page,
}) => {
  await page.addInitScript(installQuotaFault);
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  const saved = await trainAndPause(page, 3);
  await expectSavedAt(page, saved);
  await openRuns(page);
  await page.getByTestId('autosave-every').fill('20');
  await closeRuns(page);

  await setStorageFull(page, true);
  await page.getByTestId('start').click();
  const keepError = page.getByTestId('keep-error');
  await expect(keepError).toHaveText(
    'Browser storage is full: could not save the checkpoint. Delete old runs in the run list or turn ' +
      `autosave off; training goes on. Still kept: this run as saved at step ${saved}.`,
  );
  console.log('storage full:', await keepError.textContent());
  const atFailure = await stepCount(page);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThan(atFailure + 20);

  await setStorageFull(page, false);
  await expect(keepError).toHaveCount(0, { timeout: 60_000 });
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  const paused = await stepCount(page);
  await expectSavedAt(page, paused);

  await page.reload();
  await expect(page.getByTestId('resume-offer')).toContainText(`from step ${paused}`);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
  await page.getByTestId('resume-run').click();
  await expect(page.getByTestId('step-count')).toHaveText(String(paused), { timeout: 120_000 });
  await clickStep(page, paused + 1);
});

test('wasm: an autosave that throws: a message, the previous save intact, training and saving go on', async ({
  page,
}) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG, testHooks: true });
  const saved = await trainAndPause(page, 3);
  await expectSavedAt(page, saved);

  // Saves on pause only: an autosave every N steps while it runs would take the poisoned request instead.
  await openRuns(page);
  await page.getByTestId('autosave-every').fill('0');
  await closeRuns(page);

  await callHook(page, 'failNextSave');
  const paused = await trainAndPause(page, 3);
  const keepError = page.getByTestId('keep-error');
  await expect(keepError).toHaveText(
    'Could not save a checkpoint: Do not know how to serialize a BigInt. Training goes on. ' +
      `Still kept: this run as saved at step ${saved}.`,
  );
  console.log('autosave throws:', await keepError.textContent());
  await clickStep(page, paused + 1);

  // The save before the failure is whole: the run list offers it, and it resumes.
  await openRuns(page);
  await expect(page.getByTestId('run-steps')).toHaveText([String(saved)]);
  await page.getByTestId('run-resume').click();
  await expect(page.getByTestId('step-count')).toHaveText(String(saved), { timeout: 120_000 });
  await expect(keepError).toHaveCount(0);
  await closeRuns(page);

  // And the next autosave works.
  const again = await trainAndPause(page, 2);
  await expectSavedAt(page, again);
});
