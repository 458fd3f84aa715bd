import { SMALLEST_CONFIG_CHANGE } from '../src/cpc/testing/tinyConfig';
import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every test fails on a console error or an uncaught exception, in the page or in its workers
 * (Playwright reports dedicated workers' console on the page).
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect, type Page };

/** The smallest config that trains (src/cpc/testing/tinyConfig.ts), for the URL's `config=`. */
export const TINY_CONFIG = SMALLEST_CONFIG_CHANGE;

export async function openPlayground(
  page: Page,
  params: { backend?: string; config?: object; testHooks?: boolean; extra?: Record<string, string> } = {},
): Promise<void> {
  const search = new URLSearchParams();
  if (params.testHooks) search.set('testHooks', '');
  for (const [key, value] of Object.entries(params.extra ?? {})) search.set(key, value);
  if (params.backend) search.set('backend', params.backend);
  if (params.config) search.set('config', JSON.stringify(params.config));
  await page.goto(`/?${search}`);
  await expect(page).toHaveTitle('CPC Playground');
  // Ready once the backend is up and one warm-up step has compiled the kernels.
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
}

export async function stepCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('step-count').textContent());
}

/**
 * Starts, lets the step count reach `steps` or more, and pauses, which autosaves the run: waits for that
 * save with the saved-runs dialog open, and returns its step.
 */
export async function trainPauseAndSave(page: Page, steps = 3): Promise<number> {
  await page.getByTestId('start').click();
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(steps);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  const saved = await stepCount(page);
  if ((await page.getByTestId('runs-dialog').count()) === 0) await page.getByTestId('runs-button').click();
  await expect(page.getByTestId('last-save')).toContainText(`Saved step ${saved}:`);
  return saved;
}

/** Fails fast with the worker's message when an error shows up instead of the step. */
export async function expectNoError(page: Page): Promise<void> {
  expect(await page.getByTestId('error').allTextContents(), 'error line').toEqual([]);
}

/** Presses Step and waits until the count reads `expected` (or an error shows), then returns the loss. */
export async function clickStep(page: Page, expected: number): Promise<number> {
  await page.getByTestId('step').click();
  const reached = page.getByTestId('step-count').filter({ hasText: new RegExp(`^${expected}$`) });
  await expect(reached.or(page.getByTestId('error')).first()).toBeVisible({ timeout: 120_000 });
  await expectNoError(page);
  await expect(page.getByTestId('loss-value')).toHaveText(/^\d+\.\d{4}$/);
  return Number(await page.getByTestId('loss-value').textContent());
}

/**
 * Waits for the worker's own probe of a new run (the random-init and pixel baselines at step 0). It starts
 * 2 s after ready on WASM unless a Start or Step comes first, so a test that needs it waits before training.
 */
export async function waitForBaselines(page: Page): Promise<void> {
  await expect(page.getByTestId('probe-chart')).toHaveAttribute('data-points', '1', { timeout: 120_000 });
}
