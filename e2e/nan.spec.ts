import { clickStep, expect, openPlayground, test, TINY_CONFIG } from './fixtures';

// An absurd learning rate without clipping, and nothing normalised: the scores overflow to Inf/NaN
// at the second step (found by a sweep in Node on the same config).
const BLOW_UP = {
  ...TINY_CONFIG,
  norm: 'none',
  encoderDepth: 2,
  encoderHidden: 16,
  learningRate: 1e5,
  warmupSteps: 0,
  gradClip: 0,
  schedule: 'constant',
};

test('a NaN loss pauses with a message, and the weights survive to train on', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: BLOW_UP });
  await page.getByTestId('start').click();
  const error = page.getByTestId('error');
  await expect(error).toContainText(/weights are kept as the last good ones/, { timeout: 60_000 });
  await expect(error).toContainText(/Learning rate too/);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  const stoppedAt = Number(await page.getByTestId('step-count').textContent());
  expect(stoppedAt).toBeGreaterThan(0);

  // The run is still there: with a sane learning rate the next step trains from the kept weights.
  const field = page.getByTestId('field-learningRate');
  await field.fill('0.001');
  await field.press('Enter');
  await page.getByTestId('step').click();
  await expect(page.getByTestId('step-count')).toHaveText(String(stoppedAt + 1), { timeout: 60_000 });
  // The kept weights are the last finite ones (already huge after one absurd step): a finite loss.
  expect(Number.isFinite(Number(await page.getByTestId('loss-value').textContent()))).toBe(true);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
});

test('the same config with clipping and a sane rate trains without a fault', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: { ...BLOW_UP, learningRate: 0.001, gradClip: 1 } });
  for (let step = 1; step <= 3; step++) await clickStep(page, step);
});
