import type { Page } from '@playwright/test';

/**
 * Waits until `condition` (a JavaScript expression, as a string) is true in the page, polling every
 * `pollMs`. The page's Content-Security-Policy forbids eval, which Playwright's waitForFunction uses for
 * its predicate; a string passed to page.evaluate goes through the DevTools protocol instead. Strings,
 * not functions: tsx's helpers (__name) do not exist in the page. timeoutMs 0 waits for ever.
 */
export async function waitInPage(
  page: Page,
  condition: string,
  pollMs: number,
  timeoutMs = 0,
): Promise<void> {
  const met = await page.evaluate<boolean>(`(async () => {
    const deadline = ${timeoutMs} > 0 ? performance.now() + ${timeoutMs} : Infinity;
    while (!(${condition})) {
      if (performance.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, ${pollMs}));
    }
    return true;
  })()`);
  if (!met) throw new Error(`timed out after ${timeoutMs} ms waiting for ${condition}`);
}
