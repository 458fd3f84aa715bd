import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clickStep, expect, openPlayground, stepCount, test, TINY_CONFIG } from './fixtures';
import { greyPngFile, pngFile } from './imageFixtures';

/** A two-class folder of PNGs made by `image(index)`. */
function writeFolder(root: string, image: (index: number) => Buffer): string {
  for (const [index, name] of ['reds', 'blues', 'reds', 'blues'].entries()) {
    mkdirSync(join(root, name), { recursive: true });
    writeFileSync(join(root, name, `${index}.png`), image(index));
  }
  return root;
}

test('an import gets a config fitted to it, and a started run is not replaced unasked', async ({
  page,
}, testInfo) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  const colour = writeFolder(testInfo.outputPath('colour'), (index) => pngFile(64, 64, index));
  const grey = writeFolder(testInfo.outputPath('grey'), () => greyPngFile(40, 40));

  await page.getByTestId('dataset-select').selectOption('images');
  const input = page.getByTestId('dataset-folder-input');
  await input.setInputFiles(colour);
  const fitted = page.getByTestId('fitted-config');
  await expect(fitted).toContainText('The images are in colour: training in colour (3 channels)');
  await expect(fitted).toContainText('The images are about 64 px: training at 64 px, a 7×7 grid');
  await expect(page.getByTestId('field-channels')).toHaveValue('3');
  await expect(page.getByTestId('field-imageSize')).toHaveValue('64');
  await expect(page.getByTestId('rebuild-confirm')).toHaveCount(0);
  await fitted.getByTestId('fitted-change').click();
  await expect(page.getByTestId('field-imageSize')).toBeFocused();

  // The run trains on the fitted config; a second import asks before it discards the weights.
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
  await clickStep(page, 1);
  await input.setInputFiles(grey);
  await page.getByTestId('import-replace-confirm').click();
  await expect(fitted).toContainText('The images are grayscale: training on 1 channel.');
  await expect(fitted).toContainText('Switching discards the weights trained for 1 step.');
  await fitted.getByTestId('fitted-keep').click();
  await expect(page.getByTestId('fitted-declined')).toBeVisible();
  expect(await stepCount(page)).toBe(1);
  await expect(page.getByTestId('field-channels')).toHaveValue('3');
  await expect(page.getByTestId('field-imageSize')).toHaveValue('64');
});
