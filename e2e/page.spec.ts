import { clickStep, expect, openPlayground, test } from './fixtures';

test('loads with the default config, picks a backend and trains a step', async ({ page }) => {
  await openPlayground(page);
  // Which backend auto picks depends on the machine; the reason must say why.
  await expect(page.getByTestId('backend')).toHaveText(/^(webgpu|webgl|wasm|cpu): auto: /);
  await expect(page.getByTestId('url-notes')).toHaveCount(0);
  await expect(page.getByTestId('step-count')).toHaveText('0');
  await clickStep(page, 1);
  await expect(page.getByTestId('cpc-accuracy')).toHaveText(/^\d+\.\d%$/);
});
