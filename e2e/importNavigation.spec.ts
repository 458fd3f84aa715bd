import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  clickStep,
  expect,
  openPlayground,
  stepCount,
  test,
  TINY_CONFIG,
  trainPauseAndSave,
  type Page,
} from './fixtures';
import { canvasImage, pngFile } from './imageFixtures';

/** A two-class folder of twelve 20 px colour PNGs. */
function writePets(root: string): string {
  for (const [index, name] of ['cats', 'dogs', 'cats', 'dogs', 'cats', 'dogs'].entries()) {
    mkdirSync(join(root, name), { recursive: true });
    writeFileSync(join(root, name, `${index}a.png`), pngFile(20, 20, index));
    writeFileSync(join(root, name, `${index}b.png`), pngFile(20, 20, index + 10));
  }
  return root;
}

/** Picks a built-in set after training: it asks before discarding the weights, and the test says yes. */
/** The worker's own report that the run trains on the pets import (10 images, 2 held out), then paused. */
async function expectRunOnPets(page: Page): Promise<void> {
  await expect(page.getByTestId('run-set')).toHaveText(
    'The run trains on “pets”: 10 images, 2 held out for the probes.',
    { timeout: 120_000 },
  );
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
}

/** Trains three steps or more, then pauses, which autosaves the run (its images are not kept with it). */
async function trainSaveAndClose(page: Page): Promise<number> {
  const saved = await trainPauseAndSave(page);
  await page.getByRole('button', { name: 'Close saved runs' }).click();
  return saved;
}

async function switchToMnist(page: Page): Promise<void> {
  await page.getByTestId('dataset-select').selectOption('mnist');
  await page.getByTestId('fitted-apply').click();
  await expect(page.getByTestId('summary-images')).toHaveText('10000', { timeout: 120_000 });
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
}

test('a finished import survives a switch to MNIST and back, and trains again without a re-import', async ({
  page,
}, testInfo) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  const select = page.getByTestId('dataset-select');
  const entry = select.locator('option[value="images"]');
  await expect(entry).toHaveText('Your images');

  await select.selectOption('images');
  await page.getByTestId('dataset-folder-input').setInputFiles(writePets(testInfo.outputPath('pets')));
  await expect(page.getByTestId('summary-images')).toHaveText('12');
  await expectRunOnPets(page);
  await clickStep(page, 1);
  await expect(entry).toHaveText('Your images: pets (12 images)');

  await switchToMnist(page);
  // The import is kept: the chooser names it, with its image count.
  await expect(entry).toHaveText('Your images: pets (12 images)');

  await select.selectOption('images');
  await expect(page.getByTestId('dataset-summary').getByTestId('summary-images')).toHaveText('12');
  await expect(page.getByTestId('class-count')).toHaveText(['cats: 6', 'dogs: 6']);
  await expect(page.getByTestId('thumbnail-grid').locator('canvas').first()).toBeVisible();
  // MNIST trained for no step, so the kept import takes over at once, with the config fitted to it.
  await expect(page.getByTestId('field-channels')).toHaveValue('3');
  await expectRunOnPets(page);
  await clickStep(page, 1);
  await clickStep(page, 2);

  // Another folder asks before it replaces the kept one; keeping it reads nothing.
  const other = testInfo.outputPath('birds');
  mkdirSync(other, { recursive: true });
  writeFileSync(join(other, 'a.png'), pngFile(20, 20, 1));
  await page.getByTestId('dataset-folder-input').setInputFiles(other);
  await expect(page.getByTestId('import-replace')).toContainText(
    'Importing “birds” replaces “pets” (12 images)',
  );
  await page.getByTestId('import-replace-keep').click();
  await expect(page.getByTestId('import-replace')).toHaveCount(0);
  await expect(page.getByTestId('summary-images')).toHaveText('12');
  await expect(entry).toHaveText('Your images: pets (12 images)');
  expect(await stepCount(page)).toBe(2);
});

test('an import still decoding goes on in the background, then waits under “Your images”', async ({
  page,
}, testInfo) => {
  // 400 large photos to decode, on a machine other suites share.
  test.slow();
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  const dir = testInfo.outputPath('photos');
  mkdirSync(join(dir, 'a'), { recursive: true });
  mkdirSync(join(dir, 'b'), { recursive: true });
  const big = await canvasImage(page, 'image/jpeg', 4000, 3000);
  // Enough large photos that the switch comes while they decode (as in the Cancel test of datasets.spec).
  for (let i = 0; i < 400; i++) writeFileSync(join(dir, i % 2 ? 'a' : 'b', `big${i}.jpg`), big);

  const select = page.getByTestId('dataset-select');
  await select.selectOption('images');
  await page.getByTestId('dataset-folder-input').setInputFiles(dir);
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await select.selectOption('mnist');

  const note = page.getByTestId('background-import');
  await expect(note).toContainText('Importing “photos” in the background');
  await expect(note).toContainText('the run keeps its set');
  await expect(page.getByTestId('summary-images')).toHaveText('10000', { timeout: 120_000 });
  // Done while the user is on MNIST: kept and named, and the run is not switched behind their back.
  await expect(note).toHaveText(
    '“photos” finished importing in the background: 400 images, kept under “Your images”. Pick it to train ' +
      'on them.Dismiss',
    { timeout: 120_000 },
  );
  await expect(select).toHaveValue('mnist');
  await expect(page.getByTestId('summary-images')).toHaveText('10000');
  await expect(select.locator('option[value="images"]')).toHaveText('Your images: photos (400 images)');

  await select.selectOption('images');
  await expect(note).toHaveCount(0);
  await expect(page.getByTestId('class-count')).toHaveText(['a: 200', 'b: 200']);
  await expect(page.getByTestId('run-set')).toHaveText(
    'The run trains on “photos”: 320 images, 80 held out for the probes.',
    { timeout: 120_000 },
  );
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
  await clickStep(page, 1);
});

test('an import cancelled in the background leaves the run and says so under “Your images”', async ({
  page,
}, testInfo) => {
  // 400 large photos to decode, on a machine other suites share.
  test.slow();
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  const dir = testInfo.outputPath('photos');
  mkdirSync(join(dir, 'a'), { recursive: true });
  const big = await canvasImage(page, 'image/jpeg', 4000, 3000);
  for (let i = 0; i < 400; i++) writeFileSync(join(dir, 'a', `big${i}.jpg`), big);

  const select = page.getByTestId('dataset-select');
  await select.selectOption('images');
  await page.getByTestId('dataset-folder-input').setInputFiles(dir);
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await select.selectOption('mnist');
  await page.getByTestId('background-import-cancel').click();
  await expect(page.getByTestId('background-import')).toHaveCount(0);
  await expect(page.getByTestId('summary-images')).toHaveText('10000', { timeout: 120_000 });
  await expect(select.locator('option[value="images"]')).toHaveText('Your images');
  await select.selectOption('images');
  await expect(page.getByTestId('import-message')).toHaveText('Import cancelled.');
  await expect(page.getByTestId('dataset-summary')).toHaveCount(0);
});

test('a saved run on the import resumes from the kept import, without picking the folder again', async ({
  page,
}, testInfo) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await page.getByTestId('dataset-select').selectOption('images');
  await page.getByTestId('dataset-folder-input').setInputFiles(writePets(testInfo.outputPath('pets')));
  await expect(page.getByTestId('summary-images')).toHaveText('12');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
  const saved = await trainSaveAndClose(page);

  await switchToMnist(page);
  await page.getByTestId('runs-button').click();
  await page.getByTestId('run-row').filter({ hasText: 'pets' }).getByTestId('run-resume').click();
  await page.getByRole('button', { name: 'Close saved runs' }).click();
  const request = page.getByTestId('folder-request');
  await expect(request).toContainText('trained on the folder “pets”');
  await request.getByTestId('folder-request-use-kept').click();
  await expect(page.getByTestId('step-count')).toHaveText(String(saved));
  await expect(request).toHaveCount(0);
  await expect(page.getByTestId('dataset-select')).toHaveValue('images');
  await expect(page.getByTestId('summary-images')).toHaveText('12');
  await clickStep(page, saved + 1);
});

test('a worker that dies while training on an import continues on the images the page holds, in one click', async ({
  page,
}, testInfo) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG, testHooks: true });
  await page.getByTestId('dataset-select').selectOption('images');
  await page.getByTestId('dataset-folder-input').setInputFiles(writePets(testInfo.outputPath('pets')));
  // One copy of the pixels, shared with the training worker, which a crash does not take with it.
  await expect(page.getByTestId('dataset-summary')).toContainText(
    "held once: the training worker reads the page's copy.",
  );
  await expectRunOnPets(page);
  const saved = await trainSaveAndClose(page);

  await page.evaluate(() =>
    (window as Window & { cpcTestHooks?: { killWorker: () => void } }).cpcTestHooks?.killWorker(),
  );
  await page.getByTestId('start').click();
  await page.getByTestId('restart').click();
  // The new worker gets the page's shared set, and the saved run goes on from it without asking for its folder.
  await expect(page.getByTestId('step-count')).toHaveText(String(saved), { timeout: 120_000 });
  await expect(page.getByTestId('folder-request')).toHaveCount(0);
  await expectRunOnPets(page);
  await clickStep(page, saved + 1);
});
