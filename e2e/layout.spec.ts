import {
  clickStep,
  expect,
  openPlayground,
  test,
  TINY_CONFIG,
  waitForBaselines,
  type Page,
} from './fixtures';

/** The four screen sizes the page is designed for (issue #11). */
const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;

/** Elements wider than their box: the page, the columns, every panel, the header and the control row. */
function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [
      document.documentElement,
      document.body,
      ...Array.from(
        document.querySelectorAll<HTMLElement>('.app-header, .control-row, .column, .panel, .header-actions'),
      ),
    ]
      .filter((element) => element.scrollWidth > element.clientWidth)
      .map(
        (element) =>
          `${(element.dataset.testid ?? element.className) || element.tagName}: ${element.scrollWidth} > ${element.clientWidth}`,
      ),
  );
}

/** Pairs of header or control-row items whose boxes overlap (by more than a pixel of anti-aliasing). */
function overlappingItems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selectors = [
      '.app-header h1',
      '.app-header [data-testid="status"]',
      '.app-header [data-testid="backend-badge"]',
      '.header-actions > * > button, .header-actions > button',
      '.control-row .transport > button:not([hidden]), .control-row .play:not([hidden])',
      '.control-row .preset-slot',
      '.control-row .run-counters > div',
      '.control-row .essentials .field',
    ];
    const items = selectors.flatMap((selector) =>
      Array.from(document.querySelectorAll<HTMLElement>(selector)).map((element) => ({
        name: `${selector} "${(element.textContent ?? '').trim().slice(0, 20)}"`,
        box: element.getBoundingClientRect(),
      })),
    );
    const overlaps: string[] = [];
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const [a, b] = [items[i].box, items[j].box];
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) overlaps.push(`${items[i].name} overlaps ${items[j].name}`);
      }
    }
    return overlaps;
  });
}

/** What changes from run to run (timings, numbers, pixels, curves): masked in the screenshots. */
function liveParts(page: Page) {
  return [
    page.getByTestId('step-count'),
    page.getByTestId('loss-value'),
    page.getByTestId('backend-badge'),
    page.locator('.stats'),
    page.locator('.chart'),
    page.locator('svg.recharts-surface'),
    page.locator('canvas'),
    page.locator('.candidates'),
    page.locator('.dataset-note'),
    page.locator('.nn-results'),
    page.getByTestId('nn-precision'),
    page.getByTestId('embedding-map'),
    page.getByTestId('probe-result'),
    page.getByTestId('probe-chart'),
  ];
}

for (const size of SIZES) {
  test(`at ${size.width}×${size.height}: no sideways scroll, nothing overlaps, the layout is as recorded`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
    // The step-0 probe fills the probe panel; waiting for it keeps the recorded layout the same every run.
    await waitForBaselines(page);
    const header = page.locator('.app-header');
    const headerHeight = (await header.boundingBox())?.height;
    await clickStep(page, 1);
    await expect(page.getByTestId('class-samples')).toBeVisible();
    await expect(page.getByTestId('patch-grid')).toBeVisible();

    expect(await sidewaysOverflow(page)).toEqual([]);
    expect(await overlappingItems(page)).toEqual([]);
    // One line of fixed height: the backend's timing arriving does not push the page down.
    expect((await header.boundingBox())?.height).toBe(headerHeight);
    await expect(page.locator('.panel')).toHaveCount(4);
    await expect(page.getByTestId('backend-badge')).toHaveText(/^Backend: WASM/);
    await expect(page).toHaveScreenshot(`layout-${size.width}x${size.height}.png`, {
      mask: liveParts(page),
      maxDiffPixelRatio: 0.01,
      animations: 'disabled',
    });
  });
}

test('the backend badge opens its details and Escape closes them', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  const badge = page.getByTestId('backend-badge');
  const details = page.getByTestId('backend');
  await expect(details).toBeHidden();
  await expect(details).toHaveText(/^wasm: requested: wasm/);
  await badge.click();
  await expect(badge).toHaveAttribute('aria-expanded', 'true');
  await expect(details).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await expect(badge).toBeFocused();
});

test('Play and Pause share one place, and the keyboard focus follows the swap', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  const [start, pause] = [page.getByTestId('start'), page.getByTestId('pause')];
  await expect(pause).toBeHidden();
  await start.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
  await expect(start).toBeHidden();
  await expect(pause).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  await expect(start).toBeFocused();
});
