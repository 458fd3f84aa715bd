import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';

/** Chooses an export and waits for exactly the named downloads (all awaited before the click), by name. */
export async function exportFiles(page: Page, item: string, names: string[]): Promise<Map<string, Buffer>> {
  const pending = names.map((name) =>
    page.waitForEvent('download', { predicate: (d) => d.suggestedFilename() === name, timeout: 120_000 }),
  );
  await page.getByTestId('export-menu').click();
  await page.getByTestId(`export-${item}`).click();
  const downloads = await Promise.all(pending);
  return new Map(
    await Promise.all(downloads.map(async (d) => [d.suggestedFilename(), await bytesOf(d)] as const)),
  );
}

export async function bytesOf(download: Download): Promise<Buffer> {
  return readFileSync(await download.path());
}
