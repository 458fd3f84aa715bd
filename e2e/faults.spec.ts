import { clickStep, expect, openPlayground, test, TINY_CONFIG } from './fixtures';

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
