import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { clickStep, expect, openPlayground, stepCount, test, TINY_CONFIG, type Page } from './fixtures';
import { pngFile } from './imageFixtures';

/** A file as the test hands it to the page: bytes travel as numbers, the File is built in the page. */
interface DropFile {
  name: string;
  bytes: Uint8Array;
  /** The MIME type a desktop drag would show; '' for one it cannot name. */
  type?: string;
}

/** A DataTransfer built in the page, as a drag from the desktop would carry these files. */
async function transferOf(page: Page, files: readonly DropFile[]) {
  return page.evaluateHandle(
    (list) => {
      const transfer = new DataTransfer();
      for (const { name, bytes, type } of list)
        transfer.items.add(new File([new Uint8Array(bytes)], name, { type }));
      return transfer;
    },
    files.map(({ name, bytes, type = '' }) => ({ name, bytes: Array.from(bytes), type })),
  );
}

/** Drags the files over a panel that is not the Data panel's drop zone, then drops them there. */
async function dropOnPanel(page: Page, panel: string, files: readonly DropFile[]): Promise<void> {
  const target = page.getByTestId(panel);
  const dataTransfer = await transferOf(page, files);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

const IMAGES = 24;
const images: DropFile[] = Array.from({ length: IMAGES }, (_, i) => ({
  name: `photo${i}.png`,
  bytes: pngFile(24, 24, i),
  type: 'image/png',
}));

test('many images dropped on the Training panel become the data set, and training runs on them', async ({
  page,
}) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  const panel = page.getByTestId('panel-training');
  const overlay = page.getByTestId('drop-overlay');
  const dataTransfer = await transferOf(page, images);

  // The overlay says what a drop will do, and goes when the drag leaves the page or Escape is pressed.
  await panel.dispatchEvent('dragenter', { dataTransfer });
  await expect(overlay).toHaveText(`Drop to import these ${IMAGES} images as a data set`);
  await panel.dispatchEvent('dragleave', { dataTransfer });
  await expect(overlay).toHaveCount(0);
  await panel.dispatchEvent('dragenter', { dataTransfer });
  await expect(overlay).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(overlay).toHaveCount(0);

  await dropOnPanel(page, 'panel-training', images);
  await expect(overlay).toHaveCount(0);
  await expect(page.getByTestId('dataset-select')).toHaveValue('images');
  const summary = page.getByTestId('dataset-summary');
  await expect(summary.getByTestId('summary-images')).toHaveText(String(IMAGES));
  await expect(summary.getByTestId('summary-skipped')).toHaveText('0');
  // The import took effect at once (no step yet): the worker loads it, and steps on it.
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
  await clickStep(page, 1);
  await clickStep(page, 2);
  await expect(page.getByTestId('drop-message')).toHaveCount(0);
});

test('a checkpoint dropped on the page resumes its run, whatever its name', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  for (let step = 1; step <= 3; step++) await clickStep(page, step);
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('export-menu').click();
  await page.getByTestId('export-checkpoint').click();
  const bytes = readFileSync(await (await download).path());

  // A fresh page at step 0; the file is renamed and has no MIME type, so only its content can tell.
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  expect(await stepCount(page)).toBe(0);
  const file = { name: 'holiday.zip', bytes, type: '' };
  const dataTransfer = await transferOf(page, [file]);
  await page.locator('body').dispatchEvent('dragenter', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toHaveText(
    'Drop images, a folder or a .zip to train on them; drop a saved run to resume it',
  );
  await page.locator('body').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('step-count')).toHaveText('3');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('keep-error')).toHaveCount(0);
  await clickStep(page, 4);
});

test('a .zip of images imports; a mixed drop is refused and the run goes on', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await clickStep(page, 1);
  const zip = zipSync({
    pets: { cats: { 'a.png': pngFile(20, 20, 1) }, dogs: { 'b.png': pngFile(20, 20, 2) } },
  });

  await dropOnPanel(page, 'panel-model', [{ name: 'pets.zip', bytes: zip, type: 'application/zip' }]);
  await expect(page.getByTestId('dataset-select')).toHaveValue('images');
  await expect(page.getByTestId('class-count')).toHaveText(['cats: 1', 'dogs: 1']);
  // Trained already: the set waits for the user's word, and the run is untouched.
  await expect(page.getByTestId('step-count')).toHaveText('1');

  await dropOnPanel(page, 'panel-learned', [images[0], { name: 'pets.zip', bytes: zip }]);
  await expect(page.getByTestId('drop-message')).toHaveText(
    'pets.zip is a .zip: drop a .zip on its own (a saved run or a .zip of images), or images and folders ' +
      'without one. The current run goes on. Dismiss',
  );
  await clickStep(page, 2);
  await page.getByTestId('drop-message').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('drop-message')).toHaveCount(0);
});
