import { clickStep, expect, expectNoError, openPlayground, test, TINY_CONFIG, type Page } from './fixtures';

/**
 * Every built-in guided lesson walked from its first step to its last on the production build: the step
 * counter, each step's setup as the Model and Data panels show it, a few "try this" ticks, and Back.
 * TINY_CONFIG on wasm wherever a lesson's setup leaves the model's size alone, so steps take milliseconds.
 */

/** Opens the page at a lesson link (`lesson=<id>&step=N`) and waits for the model it set up. */
async function openLesson(page: Page, id: string, extra: Record<string, string> = {}): Promise<void> {
  const search = new URLSearchParams({ backend: 'wasm', config: JSON.stringify(TINY_CONFIG), ...extra });
  search.set('lesson', id);
  search.set('step', '1');
  await page.goto(`/?${search}`);
  await waitReady(page);
}

/** Ready and paused: after a load or a rebuild, once the warm-up step has run. */
async function waitReady(page: Page): Promise<void> {
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
}

async function expectStep(page: Page, id: string, n: number, total: number): Promise<void> {
  await expect(page.getByTestId('lesson-step')).toHaveText(`Step ${n} of ${total}`);
  await expect(page).toHaveURL(new RegExp(`[?&]lesson=${id}&step=${n}(&|$)`));
}

async function next(page: Page, id: string, n: number, total: number): Promise<void> {
  await page.getByTestId('lesson-next').click();
  await expectStep(page, id, n, total);
}

const tick = (page: Page) => page.getByTestId('lesson-try');

/** Confirms the rebuild a step's setup (or the student's edit) asked for once the model had trained. */
async function applyPending(page: Page): Promise<void> {
  await page.getByTestId('lesson-apply').click();
  await expect(page.getByTestId('lesson-pending')).toHaveCount(0);
  await waitReady(page);
}

test('patches and the grid, opened from the header', async ({ page }) => {
  const id = 'patches-and-grid';
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await page.getByTestId('lesson-open').click();
  await page.getByTestId(`lesson-choose-${id}`).click();
  await expectStep(page, id, 1, 4);
  // Step 1 sets up 28 px images in a 6×6 grid and hides the Data panel; before training it rebuilds at once.
  await expect(page.getByTestId('field-imageSize')).toHaveValue('28');
  await expect(page.getByTestId('panel-data')).toHaveCount(0);
  await waitReady(page);
  await expect(tick(page)).toHaveAttribute('data-done', 'false');
  await clickStep(page, 1);
  await expect(tick(page)).toHaveAttribute('data-done', 'true');

  await next(page, id, 2, 4);
  await expect(tick(page)).toHaveAttribute('data-done', 'false');
  const mosaic = page.getByTestId('patch-mosaic');
  await mosaic.focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(tick(page)).toHaveAttribute('data-done', 'true');

  // Step 3 changes the grid after training: it waits for the word, then rebuilds.
  await next(page, id, 3, 4);
  await expect(page.getByTestId('lesson-pending')).toBeVisible();
  await applyPending(page);
  await expect(page.getByTestId('field-patchSize')).toHaveValue('7');
  await expect(page.getByTestId('field-patchStride')).toHaveValue('7');

  // Back at step 0, step 4's setup applies at once and shows the Data panel again.
  await next(page, id, 4, 4);
  await expect(page.getByTestId('field-patchStride')).toHaveValue('4');
  await expect(page.getByTestId('panel-data')).toBeVisible();
  await expect(page.getByTestId('lesson-pending')).toHaveCount(0);

  await page.getByTestId('lesson-back').click();
  await expectStep(page, id, 3, 4);
  await expect(page.getByTestId('field-patchStride')).toHaveValue('7');
  await next(page, id, 4, 4);
  await waitReady(page);
  await page.getByTestId('start').click();
  await expect(tick(page)).toHaveAttribute('data-done', 'true');
  await page.getByTestId('pause').click();
  await page.getByTestId('lesson-finish').click();
  await expect(page.getByTestId('lesson-drawer')).toHaveCount(0);
  await expect(page).not.toHaveURL(/lesson=/);
  await expectNoError(page);
});

test('predicting the future, opened by link', async ({ page }) => {
  const id = 'predicting-the-future';
  await openLesson(page, id);
  await expectStep(page, id, 1, 4);
  await expect(page.getByTestId('field-kMax')).toHaveValue('3');
  await expect(page.getByTestId('field-negatives')).toHaveValue('15');
  await page.getByTestId('start').click();
  await expect(tick(page)).toHaveAttribute('data-done', 'true');
  await page.getByTestId('pause').click();
  await waitReady(page);

  await next(page, id, 2, 4);
  await expect(tick(page)).toHaveAttribute('data-done', 'false');
  await page.getByTestId('field-kMax').fill('4');
  await page.getByTestId('field-kMax').press('Enter');
  // A restart field counts once the model uses it.
  await expect(tick(page)).toHaveAttribute('data-done', 'false');
  await applyPending(page);
  await expect(tick(page)).toHaveAttribute('data-done', 'true');

  await next(page, id, 3, 4);
  await page.getByTestId('field-negatives').fill('31');
  await page.getByTestId('field-negatives').press('Enter');
  await expect(tick(page)).toHaveAttribute('data-done', 'true');

  await next(page, id, 4, 4);
  await expect(tick(page)).toHaveAttribute('data-done', 'false');
  await page.getByTestId('field-candidates').selectOption('row');
  await expect(tick(page)).toHaveAttribute('data-done', 'true');

  await page.getByTestId('lesson-back').click();
  await expectStep(page, id, 3, 4);
  await expect(page.getByTestId('lesson-next')).toBeVisible();
  await expectNoError(page);
});

test('shortcuts, opened by link: colour textures, colour dropping and batch norm', async ({ page }) => {
  const id = 'shortcuts';
  await openLesson(page, id);
  await expectStep(page, id, 1, 4);
  await expect(page.getByTestId('lesson-try')).toHaveCount(0);

  // Step 2 switches to the colour textures with the colour augmentations off.
  await next(page, id, 2, 4);
  await expect(page.getByTestId('dataset-select')).toHaveValue('textures');
  await expect(page.getByTestId('field-imageSize')).toHaveValue('32');
  await expect(page.getByTestId('field-augColorDrop')).toHaveValue('0');
  await waitReady(page);
  for (let step = 1; step <= 5; step++) await clickStep(page, step);
  await expect(tick(page)).toHaveAttribute('data-done', 'true');

  await next(page, id, 3, 4);
  await expect(tick(page)).toHaveAttribute('data-done', 'false');
  await page.getByTestId('field-augColorDrop').fill('0.5');
  await expect(tick(page)).toHaveAttribute('data-done', 'true');

  await next(page, id, 4, 4);
  await applyPending(page);
  await expect(page.getByTestId('field-norm')).toHaveValue('batch');
  await expect(tick(page)).toHaveAttribute('data-done', 'false');
  await page.getByTestId('field-norm').selectOption('layer');
  await page.getByTestId('rebuild-apply').click();
  await expect(tick(page)).toHaveAttribute('data-done', 'true');

  await page.getByTestId('lesson-back').click();
  await expectStep(page, id, 3, 4);
  await waitReady(page);
  await expectNoError(page);
});

test('does it learn, opened by link: the probe before and after training', async ({ page }) => {
  const id = 'does-it-learn';
  // `steps=30` (a link's lesson option) pauses training where step 2 asks for a probe.
  await openLesson(page, id, { steps: '30' });
  await expectStep(page, id, 1, 4);
  await page.getByTestId('probe-run').click();
  await expect(page.getByTestId('probe-result')).toBeVisible({ timeout: 120_000 });
  await expect(tick(page)).toHaveAttribute('data-done', 'true');

  await next(page, id, 2, 4);
  await expect(tick(page)).toHaveAttribute('data-done', 'false');
  await page.getByTestId('start').click();
  await expect(page.getByTestId('step-count')).toHaveText('30', { timeout: 120_000 });
  await waitReady(page);
  await page.getByTestId('probe-run').click();
  await expect(tick(page)).toHaveAttribute('data-done', 'true', { timeout: 120_000 });

  await next(page, id, 3, 4);
  await page.getByTestId('probe-feature').selectOption('mean-z');
  await expect(tick(page)).toHaveAttribute('data-done', 'true', { timeout: 120_000 });

  await next(page, id, 4, 4);
  await page.getByTestId('lesson-back').click();
  await expectStep(page, id, 3, 4);
  await expectNoError(page);
});

test('four directions, opened by link', async ({ page }) => {
  const id = 'four-directions';
  await openLesson(page, id);
  await expectStep(page, id, 1, 3);
  await expect(page.getByTestId('field-directions')).toHaveValue('top-down');
  await expect(page.getByTestId('panel-data')).toHaveCount(0);
  await clickStep(page, 1);
  await expect(tick(page)).toHaveAttribute('data-done', 'true');

  await next(page, id, 2, 3);
  await applyPending(page);
  await expect(page.getByTestId('field-directions')).toHaveValue('all');
  await expect(tick(page)).toHaveAttribute('data-done', 'false');
  const direction = page.getByTestId('patch-grid').getByRole('combobox', { name: 'Prediction direction' });
  await direction.selectOption('up');
  await expect(tick(page)).toHaveAttribute('data-done', 'true');

  await next(page, id, 3, 3);
  await expect(page.getByTestId('panel-data')).toBeVisible();
  for (let step = 1; step <= 5; step++) await clickStep(page, step);
  await expect(tick(page)).toHaveAttribute('data-done', 'true');

  await page.getByTestId('lesson-back').click();
  await expectStep(page, id, 2, 3);
  await next(page, id, 3, 3);
  await page.getByTestId('lesson-finish').click();
  await expect(page.getByTestId('lesson-drawer')).toHaveCount(0);
  await expectNoError(page);
});

test('a lesson link the page cannot use is listed, and opens nothing', async ({ page }) => {
  await page.goto('/?backend=wasm&lesson=quantum-cpc&step=2');
  await expect(page.getByTestId('url-notes')).toContainText('lesson=quantum-cpc ignored');
  await expect(page.getByTestId('lesson-drawer')).toHaveCount(0);
  await expect(page).not.toHaveURL(/lesson=/);
  await waitReady(page);
});
