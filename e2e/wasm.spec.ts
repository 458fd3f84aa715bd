import { clickStep, expect, expectNoError, openPlayground, stepCount, test, TINY_CONFIG } from './fixtures';

test('wasm: Start advances the step count, Pause holds it, Step adds exactly one', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await expect(page.getByTestId('backend')).toHaveText(/^wasm: requested: wasm/);

  await page.getByTestId('start').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
  await expect.poll(() => stepCount(page)).toBeGreaterThanOrEqual(5);

  await page.getByTestId('pause').click();
  // `paused` arrives after the step in flight, with its metrics already shown.
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  const paused = await stepCount(page);
  await page.waitForTimeout(1_000);
  expect(await stepCount(page)).toBe(paused);

  await clickStep(page, paused + 1);
  await page.waitForTimeout(500);
  expect(await stepCount(page)).toBe(paused + 1);
  await expectNoError(page);
});

test('auto: times the candidates on the config and shows the measured numbers', async ({ page }) => {
  await openPlayground(page, { backend: 'auto', config: TINY_CONFIG });
  // wasm is always timed first; a first step past its share reads "wasm > N ms (first step M ms)".
  await expect(page.getByTestId('backend')).toHaveText(/^(webgpu|webgl|wasm): auto: .*\bwasm (> )?[\d,]+ ms/);
  await clickStep(page, 1);
  await expectNoError(page);
});
