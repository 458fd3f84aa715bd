import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { encodeCheckpoint } from '../src/cpc/checkpoint/format';
import { DEFAULT_CONFIG } from '../src/cpc/config';
import { withCentralField } from '../src/cpc/testing/zipSurgery';
import { clickStep, expect, openPlayground, test, TINY_CONFIG, type Page } from './fixtures';
import { hugeHeaderPngFile, pngFile } from './imageFixtures';

/** Drops one file on the page, as a user dragging it from the desktop (the page-wide drop handler). */
async function dropOnPage(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  const transfer = await page.evaluateHandle(
    ([fileName, data]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], fileName));
      return dt;
    },
    [name, Array.from(bytes)] as const,
  );
  await page.locator('main').dispatchEvent('drop', { dataTransfer: transfer });
}

test('hostile files get a message each, in the page, and the run goes on', async ({ page }, testInfo) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });

  // A folder with one image whose header claims 100,000 × 100,000 pixels: skipped unread, with why.
  const root = testInfo.outputPath('photos');
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'a.png'), pngFile(20, 20, 1));
  writeFileSync(join(root, 'b.png'), pngFile(20, 20, 2));
  writeFileSync(join(root, 'huge.png'), hugeHeaderPngFile());
  await page.getByTestId('dataset-select').selectOption('images');
  await page.getByTestId('dataset-folder-input').setInputFiles(root);
  await expect(page.getByTestId('skipped-files').locator('li')).toHaveText([
    'huge.png: declares 100,000 × 100,000 pixels (10,000 megapixels); images over 64 megapixels are skipped',
  ]);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
  await clickStep(page, 1);

  // A zip bomb whose directory says 10 bytes: the archive worker stops at the 11th.
  const bomb = withCentralField(zipSync({ 'a.png': new Uint8Array(8 << 20) }), 'a.png', 'size', 10);
  await page.getByTestId('dataset-files-input').setInputFiles({
    name: 'photos.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(bomb),
  });
  await page.getByTestId('import-replace-confirm').click();
  await expect(page.getByTestId('import-message')).toHaveText(
    'Import failed: Cannot import the .zip: "a.png" inflates to more than the 10 bytes its header declares.',
  );

  // Dropped files: not a zip (whatever its name), cut off, a checkpoint from a newer version.
  const dropMessage = page.getByTestId('drop-message');
  await dropOnPage(page, 'notes.cpc.zip', strToU8('just some notes'));
  await expect(dropMessage).toContainText(
    'notes.cpc.zip is not an image, a folder, a .zip of images or a saved run. The current run goes on.',
  );
  const good = encodeCheckpoint({ config: DEFAULT_CONFIG, step: 3, tensors: [] });
  await dropOnPage(page, 'cut.cpc.zip', good.subarray(0, good.length - 40));
  await expect(dropMessage).toContainText(
    'cut.cpc.zip was not opened. Cannot read the .zip: it starts like a zip archive but ends before its ' +
      'directory (a cut-off download?). The current run goes on.',
  );
  const keepError = page.getByTestId('keep-error');
  const manifest = { format: 'cpc-playground-checkpoint', version: 2, step: 0, config: {}, tensors: [] };
  const future = zipSync({
    'checkpoint.json': strToU8(JSON.stringify(manifest)),
    'tensors.bin': new Uint8Array(0),
  });
  await dropOnPage(page, 'future.cpc.zip', future);
  await expect(keepError).toHaveText(
    'future.cpc.zip was not loaded. It was saved by a newer CPC Playground (checkpoint format 2; this page ' +
      'reads format 1). Reload the page to get the newer version. The current run goes on.',
  );

  // The run was never touched: same step, same data, and it trains on.
  await expect(page.getByTestId('step-count')).toHaveText('1');
  await clickStep(page, 2);
});
