import {
  clickStep,
  expect,
  expectNoError,
  openPlayground,
  stepCount,
  test,
  TINY_CONFIG,
  type Page,
} from './fixtures';

// A constant learning rate from step 1, so the learning rate shown is exactly the one set.
const CONFIG = { ...TINY_CONFIG, warmupSteps: 0, schedule: 'constant', learningRate: 0.002 };

async function blurControls(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

test('keyboard: Space trains and pauses, S adds exactly one step; the charts have points', async ({
  page,
}) => {
  await openPlayground(page, { backend: 'wasm', config: CONFIG });
  await blurControls(page);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
  await expect.poll(() => stepCount(page)).toBeGreaterThanOrEqual(5);

  await page.keyboard.press('Space');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  const paused = await stepCount(page);
  await page.waitForTimeout(1_000);
  expect(await stepCount(page)).toBe(paused);

  await page.keyboard.press('s');
  await expect(page.getByTestId('step-count')).toHaveText(String(paused + 1));
  await page.waitForTimeout(500);
  expect(await stepCount(page)).toBe(paused + 1);

  const loss = page.getByTestId('loss-chart');
  await expect.poll(async () => Number(await loss.getAttribute('data-points'))).toBeGreaterThan(5);
  await expect(loss.locator('path.recharts-curve').first()).toHaveAttribute('d', /^M/);
  await expect(loss.getByRole('img', { name: /^Loss over \d+ steps, now / })).toBeVisible();
  // The first point is step 1, or the first bucket's last step once a loaded machine has trained past the
  // chart's point budget; the last is the step just taken.
  await expect(loss).toContainText(
    new RegExp(`Loss from \\d+\\.\\d{3} at step \\d+ to \\d+\\.\\d{3} at step ${paused + 1} `),
  );
  await expect(page.getByTestId('accuracy-chart')).toContainText(/per k: k=2 \d+\.\d%/);
  await expect(page.getByTestId('elapsed')).toHaveText(/^\d+:\d\d$/);
  await expect(page.getByTestId('tensors')).toHaveText(/^\d+ \(/);
  await expectNoError(page);
});

test('a live learning-rate change shows in the next metrics, without losing the step count', async ({
  page,
}) => {
  await openPlayground(page, { backend: 'wasm', config: CONFIG });
  await clickStep(page, 1);
  await expect(page.getByTestId('learning-rate')).toHaveText('0.00200');
  const field = page.getByTestId('field-learningRate');
  await field.fill('0.0123');
  await field.press('Enter');
  await expect(page.getByTestId('rebuild-confirm')).toHaveCount(0);
  await clickStep(page, 2);
  await expect(page.getByTestId('learning-rate')).toHaveText('0.0123');
  await expect(page.getByTestId('preset')).toHaveValue('custom');
});

test('a restart field asks before discarding the weights', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: CONFIG });
  await clickStep(page, 1);
  await page.getByText('Advanced settings').click();
  const codeSize = page.getByTestId('field-codeSize');
  await codeSize.fill('16');
  await codeSize.press('Tab');
  const confirm = page.getByTestId('rebuild-confirm');
  await expect(confirm).toContainText('discards the weights trained for 1 steps');
  await expect(confirm).toContainText('Code size (z): 8 → 16');
  await expect(page.getByTestId('start')).toBeDisabled();
  expect(await stepCount(page)).toBe(1);

  await page.getByTestId('rebuild-cancel').click();
  await expect(confirm).toHaveCount(0);
  await expect(codeSize).toHaveValue('8');
  await expect(page.getByTestId('start')).toBeEnabled();

  await codeSize.fill('16');
  await codeSize.press('Enter');
  await page.getByTestId('rebuild-apply').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
  await expect(page.getByTestId('step-count')).toHaveText('0');
  await expect(confirm).toHaveCount(0);
  await clickStep(page, 1);
});

test('the geometry follows the typing and an impossible grid blocks Start', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: CONFIG });
  const geometry = page.getByTestId('geometry');
  await expect(geometry).toContainText('3×3 patches of 8 px, stride 4');
  await expect(geometry).toContainText('Chance accuracy25.0%');
  await page.getByText('Advanced settings').click();
  await page.getByTestId('field-patchSize').fill('20');
  await expect(page.getByTestId('geometry-errors')).toContainText(
    'Patch (20 px) is larger than the image (16 px).',
  );
  await expect(page.getByTestId('start')).toBeDisabled();
  await expect(page.getByTestId('start-blocker')).toContainText('larger than the image');
  await page.getByTestId('field-patchSize').fill('');
  await expect(page.getByTestId('field-patchSize')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('field-patchSize').fill('8');
  await page.getByTestId('field-patchSize').press('Enter');
  await expect(page.getByTestId('geometry-errors')).toHaveCount(0);
  await expect(page.getByTestId('start')).toBeEnabled();
});

test('panels hide for a lesson and the CPC strip tells the current numbers', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: CONFIG });
  await page.getByRole('button', { name: 'Hide the Model panel' }).click();
  await expect(page.getByTestId('panel-model')).toHaveCount(0);
  await page.getByTestId('panels-menu').click();
  await page.getByTestId('toggle-panel-model').click();
  await expect(page.getByTestId('panel-model')).toBeVisible();
  await page.getByText('How CPC works').click();
  await expect(page.getByTestId('how-cpc')).toContainText('a 3×3 grid of 8 px patches');
  await expect(page.getByTestId('how-cpc')).toContainText('1/4 = 25.0%');
});
