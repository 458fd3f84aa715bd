import {
  clickStep,
  expect,
  openPlayground,
  stepCount,
  test,
  TINY_CONFIG,
  waitForBaselines,
  type Page,
} from './fixtures';

/** Trains a few steps and pauses, which autosaves the run; waits until the compare view lists it. */
async function trainAndSave(page: Page, steps: number, savedBefore: number): Promise<void> {
  await page.getByTestId('start').click();
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(steps);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  await expect(async () => {
    await openCompare(page);
    await expect(page.getByTestId('compare-run-option')).toHaveCount(savedBefore + 1, { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await page.getByTestId('compare-close').click();
}

async function openCompare(page: Page): Promise<void> {
  if ((await page.getByTestId('compare-dialog').count()) === 0)
    await page.getByTestId('compare-runs').click();
  await expect(page.getByTestId('compare-dialog')).toBeVisible();
}

test('two saved runs: overlaid loss and accuracy curves and a table of what differs', async ({ page }) => {
  // Run 1: layer norm (the default), probed once so its last probe shows in the table.
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await waitForBaselines(page);
  await clickStep(page, 1);
  await page.getByTestId('probe-run').click();
  // The worker probed step 0 by itself; the button adds step 1.
  await expect(page.getByTestId('probe-chart')).toHaveAttribute('data-points', '2', { timeout: 120_000 });
  await trainAndSave(page, 4, 0);

  // Run 2: the same lesson with batch norm, in a new page load (a new run).
  await openPlayground(page, { backend: 'wasm', config: { ...TINY_CONFIG, norm: 'batch' } });
  await waitForBaselines(page);
  await trainAndSave(page, 4, 1);

  await openCompare(page);
  await expect(page.getByText('Pick at least two runs')).toBeVisible();
  const options = page.getByTestId('compare-run-option');
  await options.nth(0).getByRole('checkbox').check();
  await options.nth(1).getByRole('checkbox').check();

  for (const chart of ['compare-loss-chart', 'compare-accuracy-chart']) {
    const figure = page.getByTestId(chart);
    await expect(figure.locator('path.recharts-line-curve')).toHaveCount(2);
    await expect(figure.getByTestId('chart-legend-item')).toHaveCount(2);
    expect(Number(await figure.getAttribute('data-points'))).toBeGreaterThanOrEqual(4);
  }

  const table = page.getByTestId('compare-diff-table');
  const rowCells = (id: string) => table.locator(`[data-row="${id}"] td`);
  // The list is newest first: the batch-norm run, then the layer-norm one.
  await expect(rowCells('config-norm')).toHaveText(['batch', 'layer']);
  // Only the fields that differ are listed.
  await expect(table.locator('[data-row^="config-"]')).toHaveCount(1);
  // Run 2 never pressed Run probe, yet it has one: the worker's own (at step 0, and on pause).
  await expect(rowCells('cpc-linear').nth(0)).toHaveText(/^\d+\.\d%$/);
  await expect(rowCells('cpc-linear').nth(1)).toHaveText(/^\d+\.\d%$/);
  await expect(rowCells('random-knn').nth(1)).toHaveText(/^\d+\.\d%$/);
  await expect(rowCells('pixels-linear').nth(1)).toHaveText(/^\d+\.\d%$/);
  await expect(rowCells('probe-feature').nth(1)).toHaveText('z on a 3×3 grid');

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('compare-dialog')).toHaveCount(0);
});
