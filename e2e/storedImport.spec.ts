/**
 * A large import is kept on disk (src/datasets/browser/storedImports.ts): the e2e switch `storeImports`
 * sends a small folder the same way, through the origin-private file system, the training worker's read
 * handle, the page's thumbnails and a run saved with its images.
 */
import {
  clickStep,
  expect,
  openPlayground,
  test,
  TINY_CONFIG,
  trainPauseAndSave,
  type Page,
} from './fixtures';
import { writePhotoFolder } from './imageFixtures';

/**
 * The import folder's files in the origin-private file system: name and size in bytes. One the page
 * deletes while they are listed is left out (its getFile fails with NotFoundError).
 */
function storedFiles(page: Page): Promise<[string, number][]> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const folder = await root.getDirectoryHandle('cpc-imports', { create: true });
    const files: [string, number][] = [];
    for await (const [name, entry] of (
      folder as unknown as { entries(): AsyncIterable<[string, FileSystemFileHandle]> }
    ).entries()) {
      const size = await entry.getFile().then(
        (file) => file.size,
        (error: unknown) => {
          if (error instanceof DOMException && error.name === 'NotFoundError') return null;
          throw error;
        },
      );
      if (size !== null) files.push([name, size]);
    }
    return files;
  });
}

/** Whether any pixel of the first thumbnail strip is not black (drawn from the file, asynchronously). */
function thumbnailsDrawn(page: Page): Promise<boolean> {
  return page
    .getByTestId('thumbnail-grid')
    .locator('canvas')
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      return data.some((value, i) => i % 4 !== 3 && value > 0);
    });
}

test('a folder kept on disk trains, probes, shows its images and resumes from a saved run', async ({
  page,
}, testInfo) => {
  await openPlayground(page, {
    backend: 'wasm',
    config: TINY_CONFIG,
    testHooks: true,
    extra: { storeImports: '' },
  });
  const root = testInfo.outputPath('photos');
  writePhotoFolder(root);
  await page.getByTestId('dataset-select').selectOption('images');
  await page.getByTestId('dataset-folder-input').setInputFiles(root);
  const summary = page.getByTestId('dataset-summary');
  await expect(summary.getByTestId('summary-images')).toHaveText('12');
  await expect(summary).toContainText('kept on disk');
  // Twelve images at the decode size, 64 px in colour, in one file.
  await expect
    .poll(() => storedFiles(page))
    .toEqual([[expect.stringMatching(/^import-.*\.bin$/), 12 * 64 * 64 * 3]]);
  await expect.poll(() => thumbnailsDrawn(page)).toBe(true);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });

  // The step-0 baselines read the held-out and training images from the file.
  await expect(page.getByTestId('probe-result').getByTestId('probe-pixels-linear')).toHaveText(/^\d+\.\d%$/, {
    timeout: 120_000,
  });
  await clickStep(page, 1);

  // Another folder replaces it: once the run has moved to the new file, the old one is deleted.
  const [[first]] = await storedFiles(page);
  const again = testInfo.outputPath('more photos');
  writePhotoFolder(again);
  await page.getByTestId('dataset-folder-input').setInputFiles(again);
  await page.getByTestId('import-replace-confirm').click();
  await page.getByTestId('fitted-apply').click(); // discards the step trained on the first folder
  await expect
    .poll(async () => (await storedFiles(page)).map(([name]) => name === first), { timeout: 120_000 })
    .toEqual([false]);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });

  // Saved with its images: they are read from the file into the saved run.
  await page.getByTestId('runs-button').click();
  await page.getByTestId('keep-images').check();
  await page.getByRole('button', { name: 'Close saved runs' }).click();
  const saved = await trainPauseAndSave(page);

  // A new visit holds no import: the file is deleted, and the run resumes from its own copy of the images.
  await page.reload();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
  await expect.poll(() => storedFiles(page)).toEqual([]);
  await page.getByTestId('resume-run').click();
  await expect(page.getByTestId('step-count')).toHaveText(String(saved));
  await expect(page.getByTestId('folder-request')).toHaveCount(0);
  await clickStep(page, saved + 1);
});
