import AxeBuilder from '@axe-core/playwright';
import { clickStep, expect, openPlayground, test, TINY_CONFIG, type Page } from './fixtures';

/** axe's serious and critical findings on the page as it is now, one line each (rule: elements). */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds nothing serious at step 0, after steps, and with the advanced settings open (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
    expect(await seriousViolations(page), 'at step 0').toEqual([]);

    await clickStep(page, 1);
    await clickStep(page, 2);
    await expect(page.getByTestId('patch-grid')).toBeVisible();
    expect(await seriousViolations(page), 'after two steps').toEqual([]);

    await page.getByText('Advanced settings').click();
    await expect(page.getByTestId('field-codeSize')).toBeVisible();
    await page.getByTestId('backend-badge').click();
    await expect(page.getByTestId('backend')).toBeVisible();
    expect(await seriousViolations(page), 'advanced settings and backend details open').toEqual([]);
  });
}
