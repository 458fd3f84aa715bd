import { expect, openPlayground, stepCount, test, TINY_CONFIG } from './fixtures';

const BLOCKED = 'Apply or revert';

test('a preset chosen at step 0 trains with one click on Start', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await page.getByTestId('preset').selectOption('quick-demo');
  // The rebuild runs by itself: no second click, no pending-changes box.
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
  await expect(page.getByTestId('rebuild-confirm')).toHaveCount(0);
  await expect(page.getByTestId('preset-confirm')).toHaveCount(0);
  await expect(page.getByText(BLOCKED)).toHaveCount(0);
  await expect(page.getByTestId('geometry')).toContainText('6×6 patches of 8 px, stride 4');
  await expect(page.getByTestId('field-codeSize')).toHaveValue('32');

  await page.getByTestId('start').click();
  await expect.poll(() => stepCount(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(3);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  // The model that trained is the quick demo's: it predicts k = 3, which the tiny config (k = 2) cannot.
  await expect(page.getByTestId('accuracy-chart')).toContainText(/k=3 \d+\.\d%/);
  await expect(page.getByText(BLOCKED)).toHaveCount(0);
});

test('after training started a preset asks once: Cancel keeps the run, Rebuild starts over', async ({
  page,
}) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText('1', { timeout: 120_000 });
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText('2', { timeout: 120_000 });

  const picker = page.getByTestId('preset');
  const before = await picker.inputValue();
  await picker.selectOption('quick-demo');
  const confirm = page.getByTestId('preset-confirm');
  await expect(confirm).toContainText('Rebuild with Quick demo? This discards the 2 steps trained so far.');
  await page.getByTestId('preset-confirm-cancel').click();
  await expect(confirm).toHaveCount(0);
  await expect(picker).toHaveValue(before);
  await expect(page.getByTestId('step-count')).toHaveText('2');
  await expect(page.getByTestId('geometry')).toContainText('3×3 patches');

  await picker.selectOption('quick-demo');
  await page.getByTestId('preset-confirm-rebuild').click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
  await expect(page.getByTestId('step-count')).toHaveText('0');
  await expect(picker).toHaveValue('quick-demo');
  await expect(page.getByTestId('geometry')).toContainText('6×6 patches of 8 px, stride 4');
  // Only one question: nothing else waits for a click before Start.
  await expect(page.getByTestId('rebuild-confirm')).toHaveCount(0);
  await expect(page.getByTestId('start')).toBeEnabled();
});
