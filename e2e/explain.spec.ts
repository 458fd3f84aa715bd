import { clickStep, expect, openPlayground, test, TINY_CONFIG, type Page } from './fixtures';

// TINY_CONFIG: 2 images of a 3×3 grid (18 patches in the inspection), k = 2 only, 3 negatives (chance 1/4).

/**
 * The y-axis tick labels of a chart: recharts draws ticks in a layer of their own (not inside the axis'
 * group), so they are told apart by position: the y labels share one x and end there.
 */
async function yTicks(page: Page, chart: string): Promise<string[]> {
  const labels = await page
    .getByTestId(chart)
    .locator('text.recharts-cartesian-axis-tick-value[text-anchor="end"]')
    .evaluateAll((texts) => texts.map((t) => ({ x: t.getAttribute('x'), text: t.textContent ?? '' })));
  const counts = new Map<string | null, number>();
  for (const { x } of labels) counts.set(x, (counts.get(x) ?? 0) + 1);
  const axisX = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return labels.filter((label) => label.x === axisX).map((label) => label.text);
}

/** The one explanation on screen (every other tooltip is hidden). */
const shownTip = (page: Page) => page.getByRole('tooltip');

test('numbers explain themselves on hover and on focus: rank, score, precision@8, chance', async ({
  page,
}) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await clickStep(page, 1);
  const grid = page.getByTestId('patch-grid');
  await expect(grid).toHaveAttribute('data-step', '1');

  // The rank is against every patch of the inspection batch; training uses far fewer candidates.
  await expect(shownTip(page)).toHaveCount(0);
  await grid.getByTestId('true-rank-explained').hover();
  await expect(shownTip(page)).toContainText('all 18 patches of the 2 images shown');
  await expect(shownTip(page)).toContainText('only 4 candidates (the true patch and 3 negatives)');
  await expect(grid.getByTestId('true-rank')).toHaveText(/^true patch ranked \d+ of 18$/);

  // Keyboard focus shows a score's explanation; Escape dismisses it.
  await page.mouse.move(0, 0);
  await grid.getByTestId('candidate-score').first().focus();
  await expect(shownTip(page)).toHaveText(/^Score = W_k c_t · z/);
  await expect(grid.getByTestId('candidate-score').first()).toHaveAccessibleDescription(/W_k c_t · z/);
  await page.keyboard.press('Escape');
  await expect(shownTip(page)).toHaveCount(0);

  const neighbours = page.getByTestId('nn-panel');
  await neighbours.getByTestId('nn-precision-explained').focus();
  await expect(shownTip(page)).toContainText('Precision@8: the share of the 8 nearest images');
  await neighbours.getByTestId('nn-frame-explained').hover();
  await neighbours.getByTestId('nn-precision-explained').blur();
  await expect(shownTip(page)).toHaveText(/^Green frame: this neighbour has the same label/);

  const chance = page.getByTestId('geometry').getByText('25.0%', { exact: true });
  await page.mouse.move(0, 0);
  await chance.focus();
  await expect(shownTip(page)).toContainText('right 1 time in 4');

  // A dense width of 0 says what it means.
  await expect(page.getByTestId('field-meaning-encoderHidden')).toHaveText('none (no dense layer)');
});

test('charts: a chance line and legends on the loss, plain decimals, and no SVG in the Tab order', async ({
  page,
}) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await clickStep(page, 1);
  await clickStep(page, 2);
  const loss = page.getByTestId('loss-chart');
  await expect(loss).toHaveAttribute('data-points', '2');
  await expect(loss.locator('.recharts-reference-line')).toHaveCount(1);
  await expect(loss.getByTestId('chart-legend-item')).toHaveText([
    'loss per step',
    'smoothed',
    'lowest–highest',
    'chance (1.39)',
  ]);
  await expect(page.getByTestId('accuracy-chart').getByTestId('chart-legend-item')).toContainText([
    'all k',
    'k=2',
    'chance (25.0%)',
  ]);
  await expect(
    loss.getByRole('img', { name: /^Loss over 2 steps, now \d+\.\d\d smoothed, chance 1\.39$/ }),
  ).toBeVisible();

  // Every y tick of an axis has the same decimals, and none is in exponent notation.
  for (const id of ['loss-chart', 'lr-chart']) {
    // recharts draws an axis only once its container has been measured, which can come a frame after the
    // points: wait for the ticks instead of reading them once.
    await expect.poll(async () => (await yTicks(page, id)).length, { message: id }).toBeGreaterThan(1);
    const ticks = await yTicks(page, id);
    expect(ticks.join(' '), id).not.toMatch(/e/i);
    const decimals = new Set(ticks.map((t) => t.split('.')[1]?.length ?? 0));
    expect(decimals.size, `${id}: ${ticks.join(' ')}`).toBe(1);
  }

  // Tab through the Training panel: focus never lands on a chart's SVG.
  const panel = page.getByTestId('panel-training');
  await expect(panel.locator('svg.recharts-surface')).toHaveCount(3);
  await expect(panel.locator('svg.recharts-surface[tabindex]')).toHaveCount(0);
  // The walk starts at the panel's first control (its Hide button).
  await panel.getByRole('button').first().focus();
  const stops: string[] = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return {
        inPanel: !!el?.closest('[data-testid="panel-training"]'),
        tag: el?.tagName.toLowerCase() ?? '',
        recharts: !!el?.closest('.recharts-wrapper'),
        name: el?.getAttribute('aria-label') ?? el?.textContent?.slice(0, 30) ?? '',
      };
    });
    if (!focused.inPanel) break;
    stops.push(`${focused.tag}:${focused.name}`);
    expect(focused.tag, stops.join(' | ')).not.toBe('svg');
    expect(focused.recharts, stops.join(' | ')).toBe(false);
  }
  // The stats (explained values) and the PNG buttons are stops; the walk left the panel at its end.
  expect(
    stops.some((stop) => stop.startsWith('button:Download the Loss chart')),
    stops.join(' | '),
  ).toBe(true);
  expect(stops.length).toBeLessThan(60);
});

test('the presenter view hides the developer figures, from the toggle and from presenter=1', async ({
  page,
}) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await clickStep(page, 1);
  const toggle = page.getByTestId('presenter-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('tensors')).toBeVisible();
  await expect(page.getByTestId('backend')).toHaveText(/^wasm: requested: wasm/);

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('tensors')).toHaveCount(0);
  await expect(page.getByTestId('js-heap')).toHaveCount(0);
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  await expect(page.getByTestId('loss-value')).toBeVisible();
  expect(new URL(page.url()).searchParams.get('presenter')).toBe('1');

  await toggle.click();
  await expect(page.getByTestId('tensors')).toBeVisible();
  expect(new URL(page.url()).searchParams.get('presenter')).toBeNull();

  // A fresh page: the link alone turns it on.
  await page.evaluate(() => localStorage.clear());
  const search = new URLSearchParams({
    backend: 'wasm',
    config: JSON.stringify(TINY_CONFIG),
    presenter: '1',
  });
  await page.goto(`/?${search}`);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
  await expect(page.getByTestId('presenter-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('tensors')).toHaveCount(0);
  await expect(page.getByTestId('backend')).toHaveText('wasm');
  await expect(page.getByTestId('url-notes')).toHaveCount(0);
});

test('How CPC works draws the live grid, its context and target, and says why k starts at 2', async ({
  page,
}) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await clickStep(page, 1);
  await expect(page.getByTestId('patch-grid')).toHaveAttribute('data-step', '1');
  await page.getByText('How CPC works').click();
  const box = page.getByTestId('how-cpc');
  const drawing = box.getByTestId('how-cpc-illustration');
  await expect(drawing).toHaveAttribute('data-step', '1');
  await expect(drawing.locator('canvas').first()).toBeVisible();
  const grid = drawing.getByTestId('how-cpc-grid');
  await expect(grid.locator('rect.cpc-mark-context')).not.toHaveCount(0);
  await expect(grid.locator('rect.cpc-mark-target')).toHaveCount(1);
  await expect(grid).toHaveAttribute('data-targets', '1');
  await expect(drawing).toContainText(/true patch ranks \d+ of 18/);
  await expect(box).toContainText('Why k starts at 2');
  await expect(box).toContainText('ceil(8 / 4) = 2');
  await expect(box).toContainText('random init');

  // The drawing follows the model: another step redraws it.
  await clickStep(page, 2);
  await expect(drawing).toHaveAttribute('data-step', '2');
});
