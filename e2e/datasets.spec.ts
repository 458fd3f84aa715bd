import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import { expect, openPlayground, test, TINY_CONFIG } from './fixtures';
import {
  bmpFile,
  canvasImage,
  cmykJpegFile,
  corruptPngFile,
  greyPngFile,
  grey16PngFile,
  jpegFile,
  pngFile,
  tinyGifFile,
} from './imageFixtures';

test('the default built-in set, Fashion-MNIST, loads with its exact counts', async ({ page }) => {
  await openPlayground(page);
  const summary = page.getByTestId('dataset-summary');
  await expect(summary.getByTestId('summary-images')).toHaveText('12000');
  await expect(summary.getByTestId('summary-classes')).toHaveText('10');
  await expect(summary.getByTestId('summary-skipped')).toHaveText('0');
  await expect(summary.locator('[data-class="T-shirt/top"]')).toHaveText('T-shirt/top: 1200');
  await expect(summary).toContainText('10000 for training, 2000 held out for the probes.');
  const loadMs = Number(await page.getByTestId('dataset-loaded').getAttribute('data-load-ms'));
  // The time is recorded for `npm run bench -- import`, which measures it; a test asserts only that it is there.
  expect(Number.isFinite(loadMs) && loadMs > 0).toBe(true);
});

test('an awkward folder imports with exact counts and every bad file listed with its reason', async ({
  page,
}, testInfo) => {
  await openPlayground(page, { config: TINY_CONFIG });
  const root = testInfo.outputPath('photos');
  const files: Record<string, Buffer | string> = {
    'cats/a.png': pngFile(40, 30, 1),
    'cats/b.png': pngFile(30, 40, 2),
    'cats/grey.png': greyPngFile(24, 24),
    'cats/rgba.png': pngFile(32, 32, 3, true),
    'cats/grey16.png': grey16PngFile(20),
    'cats/big.jpg': await canvasImage(page, 'image/jpeg', 4000, 3000),
    'cats/corrupt.png': corruptPngFile(),
    'cats/fake.jpg': pngFile(20, 20, 4),
    'cats/notes.txt': 'not a picture',
    'cats/scan.tiff': 'II*\0',
    'cats/.DS_Store': 'hidden',
    'dogs/a.jpg': jpegFile(48, 36, 5),
    'dogs/b.jpg': jpegFile(36, 48, 6),
    'dogs/cmyk.jpg': cmykJpegFile(),
    'dogs/tiny.gif': tinyGifFile(),
    'dogs/pic.bmp': bmpFile(20, 18),
    'dogs/pic.webp': await canvasImage(page, 'image/webp', 64, 48),
    'dogs/sub/deeper/nested.png': pngFile(20, 20, 7),
    'dogs/ünïcödé 猫.png': pngFile(20, 20, 8),
    'dogs/empty.jpg': '',
    'dogs/truncated.jpg': jpegFile(64, 64, 9).subarray(0, 300),
    'dogs/.thumbs/hidden.png': pngFile(20, 20, 10),
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }

  await page.getByTestId('dataset-select').selectOption('images');
  await page.getByTestId('dataset-folder-input').setInputFiles(root);

  const summary = page.getByTestId('dataset-summary');
  await expect(summary.getByTestId('summary-images')).toHaveText('14');
  await expect(summary.getByTestId('summary-classes')).toHaveText('2');
  await expect(summary.getByTestId('summary-skipped')).toHaveText('6');
  await expect(summary.getByTestId('class-count')).toHaveText(['cats: 6', 'dogs: 8']);
  // The config is fitted to the images (about 30 px, so 28 px): the seven smaller ones are enlarged.
  await expect(summary).toContainText('7 images were smaller than 28 px and enlarged.');
  // The import's own split (cats round(6 · 0.2) = 1, dogs round(8 · 0.2) = 2), and one copy of its pixels.
  await expect(summary).toContainText(
    '11 for training, 3 held out for the probes: the same images in every run on this import.',
  );
  await expect(summary).toContainText("held once: the training worker reads the page's copy.");
  await expect(page.getByTestId('skipped-files').locator('li')).toHaveText([
    'cats/corrupt.png: corrupt PNG: the browser could not decode it',
    'cats/fake.jpg: content is PNG but the extension says JPEG',
    'cats/notes.txt: not a PNG, JPEG, WebP, GIF or BMP file (.txt)',
    'cats/scan.tiff: not a PNG, JPEG, WebP, GIF or BMP file (.tiff)',
    'dogs/empty.jpg: empty file (0 bytes)',
    'dogs/truncated.jpg: truncated JPEG: the file ends early',
  ]);
  await expect(page.getByTestId('thumbnail-grid').locator('canvas').first()).toBeVisible();
  // The imported set goes to the training worker, which splits it and warms up on it.
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
});

test('a flat folder is unlabelled, and a folder with no usable image says so', async ({ page }, testInfo) => {
  await openPlayground(page, { config: TINY_CONFIG });
  const flat = testInfo.outputPath('flat');
  const bad = testInfo.outputPath('bad');
  mkdirSync(flat, { recursive: true });
  mkdirSync(bad, { recursive: true });
  writeFileSync(join(flat, 'one.png'), pngFile(20, 20, 1));
  writeFileSync(join(flat, 'two.jpg'), jpegFile(20, 20, 2));
  writeFileSync(join(bad, 'readme.md'), '# nothing here');

  await page.getByTestId('dataset-select').selectOption('images');
  const input = page.getByTestId('dataset-folder-input');
  await input.setInputFiles(flat);
  await expect(page.getByTestId('summary-images')).toHaveText('2');
  await expect(page.getByTestId('unlabelled-note')).toContainText('the probes are hidden');
  // The input lets go of the picked files (a 10,000-file FileList held 24 MiB), and so fires again for them.
  await expect(input).toHaveValue('');

  await input.setInputFiles(bad);
  // The flat folder is kept on the page: a new import replaces it only once the user says so.
  await page.getByTestId('import-replace-confirm').click();
  await expect(page.getByTestId('import-message')).toHaveText(
    'No usable image: all 1 files were skipped (see the list below).',
  );
  await expect(page.getByTestId('skipped-files')).toContainText('readme.md');
});

test('a .zip picked as a file imports like the folder inside it', async ({ page }, testInfo) => {
  await openPlayground(page, { config: TINY_CONFIG });
  const zipPath = testInfo.outputPath('pets.zip');
  mkdirSync(dirname(zipPath), { recursive: true });
  const zip = zipSync({
    pets: {
      cats: { 'a.png': pngFile(20, 20, 1), 'b.png': pngFile(20, 20, 2) },
      dogs: { 'c.jpg': jpegFile(20, 20, 3) },
    },
  });
  writeFileSync(zipPath, zip);

  await page.getByTestId('dataset-select').selectOption('images');
  await page.getByTestId('dataset-files-input').setInputFiles(zipPath);
  const summary = page.getByTestId('dataset-summary');
  await expect(summary.getByTestId('summary-images')).toHaveText('3');
  await expect(summary.getByTestId('class-count')).toHaveText(['cats: 2', 'dogs: 1']);
  await expect(summary.getByTestId('summary-skipped')).toHaveText('0');
  await expect(page.getByTestId('dataset-files-input')).toHaveValue('');
});

test('an import past one decode worker’s share goes on in fresh workers and keeps every image', async ({
  page,
}, testInfo) => {
  await openPlayground(page, { config: TINY_CONFIG });
  // A decode worker takes 512 files, then a fresh one takes over (src/datasets/browser/decodeQueue.ts).
  const pool = await page.evaluate(() => Math.min(8, navigator.hardwareConcurrency || 2));
  const perClass = Math.ceil((pool * 512 + 100) / 2);
  const dir = testInfo.outputPath('many');
  const classes = ['a', 'b'];
  for (const [k, name] of classes.entries()) {
    mkdirSync(join(dir, name), { recursive: true });
    const png = pngFile(8, 8, k + 1);
    for (let i = 0; i < perClass; i++) writeFileSync(join(dir, name, `${i}.png`), png);
  }
  let decodeWorkers = 0;
  page.on('worker', (worker) => {
    if (worker.url().includes('decode')) decodeWorkers++;
  });

  await page.getByTestId('dataset-select').selectOption('images');
  await page.getByTestId('dataset-folder-input').setInputFiles(dir);
  const summary = page.getByTestId('dataset-summary');
  await expect(summary.getByTestId('summary-images')).toHaveText(String(2 * perClass), { timeout: 60_000 });
  await expect(summary.getByTestId('class-count')).toHaveText(classes.map((name) => `${name}: ${perClass}`));
  await expect(summary.getByTestId('summary-skipped')).toHaveText('0');
  expect(decodeWorkers).toBeGreaterThan(pool);
});

test('Cancel stops an import in flight and keeps the current set', async ({ page }, testInfo) => {
  await openPlayground(page, { config: TINY_CONFIG });
  const dir = testInfo.outputPath('huge');
  mkdirSync(join(dir, 'a'), { recursive: true });
  const big = await canvasImage(page, 'image/jpeg', 4000, 3000);
  // Photos decode at a reduced scale in a few ms each, one worker per core: enough that Cancel comes first.
  for (let i = 0; i < 400; i++) writeFileSync(join(dir, 'a', `big${i}.jpg`), big);

  await page.getByTestId('dataset-select').selectOption('images');
  await page.getByTestId('dataset-folder-input').setInputFiles(dir);
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('import-message')).toHaveText('Import cancelled.');
  await expect(page.getByTestId('import-progress')).toHaveCount(0);
  await expect(page.getByTestId('dataset-summary')).toHaveCount(0);

  // The same photos as one .zip, read entry by entry by the decode workers: Cancel stops it as well.
  const zipPath = testInfo.outputPath('huge.zip');
  const photos = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`a/big${i}.jpg`, big]));
  writeFileSync(zipPath, zipSync(photos, { level: 0 }));
  await page.getByTestId('dataset-files-input').setInputFiles(zipPath);
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('import-message')).toHaveText('Import cancelled.');
  await expect(page.getByTestId('dataset-summary')).toHaveCount(0);
});
