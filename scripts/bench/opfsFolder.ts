/**
 * A folder for showDirectoryPicker in a bench: no script can drive the browser's dialog, so the bench copies
 * the folder into the origin-private file system and answers the picker with that copy, a real
 * FileSystemDirectoryHandle as the dialog gives.
 */
import type { Page } from '@playwright/test';

/**
 * Copies `dir` into the origin-private file system of `page`'s origin as `name` (about 40 s for 10,000
 * files here): what showDirectoryPicker answers in a bench (answerPicker). In a Playwright context without
 * a profile that file system is held in the browser's memory; in one with a profile on disk
 * (launchChromiumOnDisk), it is files there, read from disk as a user's folder is.
 */
export async function copyToOpfs(page: Page, dir: string, name: string): Promise<void> {
  await page.evaluate(`(() => {
    const input = Object.assign(document.createElement('input'), { type: 'file', id: 'opfs-copy' });
    input.webkitdirectory = true;
    document.body.append(input);
  })()`);
  await page.locator('#opfs-copy').setInputFiles(dir);
  await page.evaluate(`(async () => {
    const root = await navigator.storage.getDirectory();
    await root.removeEntry(${JSON.stringify(name)}, { recursive: true }).catch(() => {});
    const top = await root.getDirectoryHandle(${JSON.stringify(name)}, { create: true });
    const input = document.getElementById('opfs-copy');
    for (const file of input.files) {
      let folder = top;
      const parts = file.webkitRelativePath.split('/').slice(1);
      for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, { create: true });
      const writer = await (await folder.getFileHandle(parts.at(-1), { create: true })).createWritable();
      await writer.write(file);
      await writer.close();
    }
    input.remove();
  })()`);
}

/**
 * Makes the page's showDirectoryPicker answer with copyToOpfs's folder `name`, which must be in the page's
 * browser context (Playwright gives each newPage a context of its own); a missing one fails here, where the
 * app would take the refusal for a policy and open its input's dialog, which no one answers.
 */
export async function answerPicker(page: Page, name: string): Promise<void> {
  await page.evaluate(`(async () => {
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle(${JSON.stringify(name)});
    window.showDirectoryPicker = async () => folder;
  })()`);
}
