import type { Browser } from '@playwright/test';
import type { CellResult, CellSpec } from '../../src/bench/cell';

/** The page with the training worker and no UI (src/bench/main.ts), as vite.config.ts builds it. */
const BENCH_PAGE = 'src/bench/page.html';

/**
 * One cell in the real training worker, on a fresh page of src/bench/page.html, so that no
 * worker, tensor or compiled kernel of an earlier cell is left over.
 */
export async function runBrowserCell(
  browser: Browser,
  origin: string,
  spec: CellSpec,
  timeoutMs: number,
): Promise<CellResult> {
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  try {
    await page.goto(`${origin}/${BENCH_PAGE}`);
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
    // A string, not a function: tsx's helpers (__name) do not exist in the page.
    return await page.evaluate<CellResult>(
      `window.cpcBench.run(${JSON.stringify(spec)}, ${JSON.stringify(timeoutMs)})`,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error([message, ...pageErrors].join(' | '), { cause: error });
  } finally {
    await page.close();
  }
}
