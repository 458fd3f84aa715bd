import { clickStep, expect, openPlayground, test, TINY_CONFIG } from './fixtures';

test('at 1024×768 no panel and not the page overflows sideways', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await clickStep(page, 1);
  await expect(page.getByTestId('class-samples')).toBeVisible();
  const overflowing = await page.evaluate(() =>
    [document.documentElement, document.body, ...Array.from(document.querySelectorAll<HTMLElement>('.panel'))]
      .filter((element) => element.scrollWidth > element.clientWidth)
      .map(
        (element) =>
          `${element.dataset.testid ?? element.tagName}: ${element.scrollWidth} > ${element.clientWidth}`,
      ),
  );
  await page.screenshot({ path: testInfo.outputPath('layout-1024.png'), fullPage: true });
  expect(overflowing).toEqual([]);
  await expect(page.locator('.panel')).toHaveCount(4);
});
