import {
  clickStep,
  expect,
  expectNoError,
  openPlayground,
  test,
  TINY_CONFIG,
  waitForBaselines,
} from './fixtures';

test('what it learned: neighbours, patch grid and probe on the wasm backend', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await waitForBaselines(page);

  // Neighbours arrive for image 0 as soon as the model is ready, before any training.
  const neighbours = page.getByTestId('nn-panel');
  await expect(neighbours.getByTestId('nn-result')).toHaveCount(8);
  await expect(neighbours.getByTestId('nn-result').first()).toContainText(/-?\d\.\d{3}/);
  await expect(neighbours.getByTestId('nn-precision')).toHaveText(/^precision@8: \d+\.\d%$/);
  await neighbours.getByTestId('nn-random').click();
  await expect(neighbours.getByTestId('nn-result')).toHaveCount(8);

  // After a step the patch grid shows the augmented patches and ranked candidates from the new weights.
  await clickStep(page, 1);
  const grid = page.getByTestId('patch-grid');
  await expect(grid).toHaveAttribute('data-step', '1');
  await expect(grid.getByTestId('patch-mosaic')).toBeVisible();
  // TINY_CONFIG: a 3×3 grid predicting k = 2, so one target with the top 5 candidates of the batch.
  await expect(grid.getByTestId('patch-candidates')).toHaveCount(1);
  await expect(grid.getByTestId('patch-candidate')).toHaveCount(5);
  await expect(grid.getByTestId('true-rank')).toHaveText(/^true patch ranked \d+ of 18$/);

  // Choosing another context position by keyboard asks the worker again.
  await grid.getByTestId('patch-mosaic').focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(grid.getByTestId('true-rank')).toHaveText(/of 18$/);

  await page.getByTestId('embedding-map').waitFor();
  await expect(page.getByTestId('embedding-map')).toHaveAttribute('data-points', /^[1-9]\d*$/);

  await page.getByTestId('probe-run').click();
  const result = page.getByTestId('probe-result');
  await expect(result).toBeVisible({ timeout: 120_000 });
  // CPC against both baselines: the same encoder at random init, and raw pixels.
  for (const source of ['cpc', 'random', 'pixels']) {
    for (const probe of ['linear', 'knn']) {
      await expect(result.getByTestId(`probe-${source}-${probe}`)).toHaveText(/^\d+\.\d%$/);
    }
  }
  await expect(result).toContainText(/^Step 1 \(z on a 3×3 grid\): trained on \d+ images, scored on \d+/);
  // The worker's own probe at step 0 (the baselines) and this one at step 1.
  await expect(page.getByTestId('probe-chart')).toHaveAttribute('data-points', '2');

  // Another feature probes again at once, and the chart follows it.
  const pixels = await result.getByTestId('probe-pixels-linear').textContent();
  await page.getByTestId('probe-feature').selectOption('mean-z');
  await expect(result).toContainText('(mean z): trained on', { timeout: 120_000 });
  await expect(result.getByTestId('probe-cpc-linear')).toHaveText(/^\d+\.\d%$/);
  await expect(result.getByTestId('probe-pixels-linear')).toHaveText(pixels!); // same images, same pixels
  await expect(page.getByTestId('probe-chart')).toHaveAttribute('data-points', '1');
  await expectNoError(page);
});

test('the patch grid offers the four directions of a CPC v2 style model', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: { ...TINY_CONFIG, directions: 'all' } });
  const grid = page.getByTestId('patch-grid');
  const direction = grid.getByRole('combobox', { name: 'Prediction direction' });
  await expect(direction).toHaveValue('down');
  await direction.selectOption('up');
  // Upwards the first context patch is in the bottom row, so the target k = 2 rows up is row 1.
  await expect(grid.getByTestId('patch-candidates')).toContainText('k = 2 (row 1, col 2)');
  await expect(grid.getByTestId('patch-candidate')).toHaveCount(5);
  await expectNoError(page);
});
