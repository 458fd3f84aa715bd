import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, openPlayground, test, TINY_CONFIG, type Page } from './fixtures';
import { pngFile } from './imageFixtures';

/** The pets of importNavigation.spec.ts: two classes of six 20 px colour PNGs, as path → bytes. */
const PETS: [string, number[]][] = ['cats', 'dogs', 'cats', 'dogs', 'cats', 'dogs'].flatMap((name, i) => [
  [`${name}/${i}a.png`, Array.from(pngFile(20, 20, i))],
  [`${name}/${i}b.png`, Array.from(pngFile(20, 20, i + 10))],
]);

/**
 * Writes the pets into the page's origin-private file system and lets showDirectoryPicker hand that folder
 * over, as Chromium's picker does a folder the user chose (both give a real FileSystemDirectoryHandle);
 * `refuse` makes it fail with that error instead. Counts the calls in window.picks.
 */
async function stubPicker(page: Page, refuse: 'AbortError' | 'SecurityError' | null): Promise<void> {
  await page.evaluate(
    async ({ files, refuse }) => {
      const root = await navigator.storage.getDirectory();
      const pets = await root.getDirectoryHandle('pets', { create: true });
      for (const [path, bytes] of files) {
        const [folder, name] = path.split('/');
        const file = await (
          await pets.getDirectoryHandle(folder, { create: true })
        ).getFileHandle(name, {
          create: true,
        });
        const writer = await file.createWritable();
        await writer.write(new Uint8Array(bytes));
        await writer.close();
      }
      const page = window as unknown as { picks: number; showDirectoryPicker: () => Promise<unknown> };
      page.picks = 0;
      page.showDirectoryPicker = async () => {
        page.picks++;
        if (refuse) throw new DOMException('Refused by the test.', refuse);
        return pets;
      };
    },
    { files: PETS, refuse },
  );
}

const picks = (page: Page) => page.evaluate(() => (window as unknown as { picks: number }).picks);

async function expectPetsImported(page: Page): Promise<void> {
  await expect(page.getByTestId('summary-images')).toHaveText('12');
  await expect(page.getByTestId('class-count')).toHaveText(['cats: 6', 'dogs: 6']);
  await expect(page.getByTestId('run-set')).toHaveText(
    'The run trains on “pets”: 10 images, 2 held out for the probes.',
    { timeout: 120_000 },
  );
}

test('a folder picked through showDirectoryPicker imports as the folder input would', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await page.getByTestId('dataset-select').selectOption('images');
  await stubPicker(page, null);
  await page.getByTestId('dataset-folder-input').click();
  await expectPetsImported(page);
  expect(await picks(page)).toBe(1);
});

test('a closed picker leaves the page as it was; a refused one opens the input’s own dialog from then on', async ({
  page,
}, testInfo) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await page.getByTestId('dataset-select').selectOption('images');
  const input = page.getByTestId('dataset-folder-input');

  await stubPicker(page, 'AbortError');
  await input.click();
  await expect.poll(() => picks(page)).toBe(1);
  await expect(page.getByTestId('import-message')).toHaveCount(0);
  await expect(page.getByTestId('summary-images')).toHaveCount(0);

  await stubPicker(page, 'SecurityError');
  const root = testInfo.outputPath('pets');
  for (const [path, bytes] of PETS) {
    mkdirSync(join(root, path.split('/')[0]), { recursive: true });
    writeFileSync(join(root, path), Uint8Array.from(bytes));
  }
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), input.click()]);
  expect(await picks(page)).toBe(1);
  await chooser.setFiles(root);
  await expectPetsImported(page);

  // Refused once, the picker is not asked again.
  await Promise.all([page.waitForEvent('filechooser'), input.click()]);
  expect(await picks(page)).toBe(1);
});

/**
 * Drops the folders at `paths` of the OPFS pets ('' for pets itself) on the page, as Chromium gives a drop:
 * each folder's entry, which these cannot walk, so the import must go through the handles that
 * getAsFileSystemHandle gives.
 */
async function dropPetFolders(page: Page, paths: string[]): Promise<void> {
  await page.evaluate(async (paths) => {
    const pets = await (await navigator.storage.getDirectory()).getDirectoryHandle('pets');
    const items = await Promise.all(
      paths.map(async (path) => {
        const folder = path ? await pets.getDirectoryHandle(path) : pets;
        return {
          kind: 'file',
          type: '',
          webkitGetAsEntry: () => ({ name: folder.name, isFile: false, isDirectory: true }),
          getAsFileSystemHandle: async () => folder,
          getAsFile: () => null,
        };
      }),
    );
    const drop = new Event('drop', { cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { types: ['Files'], items, files: [] } });
    window.dispatchEvent(drop);
  }, paths);
}

test('a folder dropped on the page is imported through its handle, as a picked one', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await stubPicker(page, null);
  await dropPetFolders(page, ['']);
  await expectPetsImported(page);
  expect(await picks(page)).toBe(0);
});

test('folders dropped together are imported through their handles, each a class', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await stubPicker(page, null);
  await dropPetFolders(page, ['cats', 'dogs']);
  await expect(page.getByTestId('summary-images')).toHaveText('12');
  await expect(page.getByTestId('class-count')).toHaveText(['cats: 6', 'dogs: 6']);
});
