import { expect, openPlayground, stepCount, test, TINY_CONFIG, type Page } from './fixtures';

const SCORE = /^\d+\.\d%$/;

async function chartPoints(page: Page): Promise<number> {
  return Number(await page.getByTestId('probe-chart').getAttribute('data-points'));
}

/** The step the probe table's latest result is from, read from its caption ("Step 12 (…"). */
async function probedStep(page: Page): Promise<number> {
  const caption = await page.getByTestId('probe-result').locator('caption').textContent();
  return Number(/^Step (\d+) /.exec(caption ?? '')?.[1]);
}

test('the probe panel fills by itself: baselines at step 0, CPC on pause and every N steps', async ({
  page,
}) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  const result = page.getByTestId('probe-result');
  const chart = page.getByTestId('probe-chart');

  // Nobody presses Run probe: the baselines arrive at step 0, where CPC is still its random init.
  await expect(result).toContainText(/^Step 0 \(/);
  for (const source of ['cpc', 'random', 'pixels']) {
    for (const probe of ['linear', 'knn']) {
      await expect(result.getByTestId(`probe-${source}-${probe}`)).toHaveText(SCORE);
    }
  }
  await expect(result.getByTestId('probe-cpc-linear')).toHaveText(
    (await result.getByTestId('probe-random-linear').textContent())!,
  );
  await expect(chart).toHaveAttribute('data-points', '1');
  // Random init and pixels are flat reference lines (linear and kNN each), named in the legend.
  await expect(chart.locator('.recharts-reference-line')).toHaveCount(4);
  await expect(page.getByTestId('probe-legend')).toContainText('random init');
  await expect(page.getByTestId('probe-legend')).toContainText('raw pixels');
  const random = await result.getByTestId('probe-random-linear').textContent();
  const pixels = await result.getByTestId('probe-pixels-linear').textContent();

  // Train, pause: CPC is probed at the paused step without a click.
  await expect(page.getByTestId('probe-every')).toHaveValue('500');
  await page.getByTestId('start').click();
  await expect.poll(() => stepCount(page)).toBeGreaterThanOrEqual(3);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  const paused = await stepCount(page);
  await expect(result).toContainText(new RegExp(`^Step ${paused} \\(`));
  await expect(chart).toHaveAttribute('data-points', '2');
  // The baselines do not train: the same scores as at step 0.
  await expect(result.getByTestId('probe-random-linear')).toHaveText(random!);
  await expect(result.getByTestId('probe-pixels-linear')).toHaveText(pixels!);

  // Every 5 steps: probes arrive while training runs, at multiples of 5.
  await page.getByTestId('probe-every').selectOption('5');
  await page.getByTestId('start').click();
  await expect.poll(() => chartPoints(page)).toBeGreaterThan(2);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
  expect((await probedStep(page)) % 5).toBe(0);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  await expect(page.getByTestId('probe-run')).toBeEnabled();
});
