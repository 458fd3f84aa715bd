import { clickStep, expect, stepCount, test, TINY_CONFIG, type Page } from './fixtures';

/** TINY_CONFIG as link parameters, on wasm with the quick synthetic set and a seed of its own. */
const TINY_LINK = `${new URLSearchParams(Object.entries(TINY_CONFIG).map(([k, v]) => [k, String(v)]))}&seed=7&dataset=synthetic&backend=wasm`;

async function openLink(page: Page, search: string): Promise<void> {
  await page.goto(`/?${search}`);
  await expect(page).toHaveTitle('CPC Playground');
}

/** Clicks Copy link and reads the link back from the clipboard (the test grants the permissions). */
async function copiedLink(page: Page): Promise<string> {
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link-status')).toHaveText('Link copied');
  return page.evaluate(() => navigator.clipboard.readText());
}

async function waitReady(page: Page): Promise<void> {
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
}

test('a link sets the preset, the fields, the data set and the backend', async ({ page }) => {
  await openLink(
    page,
    `preset=quick-demo&${TINY_LINK.replace('dataset=synthetic', 'dataset=mnist')}&learningRate=0.0005&encoder=resnet`,
  );
  await expect(page.getByTestId('preset')).toHaveValue('quick-demo');
  await expect(page.getByTestId('field-learningRate')).toHaveValue('5e-4');
  await expect(page.getByTestId('field-encoder')).toHaveValue('resnet');
  await expect(page.getByTestId('field-seed')).toHaveValue('7');
  await expect(page.getByTestId('field-codeSize')).toHaveValue('8');
  await expect(page.getByTestId('dataset-select')).toHaveValue('mnist');
  await expect(page.getByTestId('url-notes')).toHaveCount(0);
  await waitReady(page);
  await expect(page.getByTestId('backend')).toHaveText(/^wasm: requested: wasm/);
});

test('bad and unknown values fall back to defaults and are listed', async ({ page }) => {
  await openLink(page, `${TINY_LINK}&contextLayers=99&norm=group&lr=0.1&encoderDepth=5`);
  const notes = page.getByTestId('url-notes');
  await expect(notes).toContainText('contextLayers=99 ignored: outside [1, 6] (using 2).');
  await expect(notes).toContainText('norm=group ignored: expected one of none, batch, layer (using layer).');
  await expect(notes).toContainText('lr ignored: unknown parameter.');
  await expect(notes).toContainText('encoderDepth appears 2 times: only the first is used.');
  await expect(page.getByTestId('field-contextLayers')).toHaveValue('2');
  await expect(page.getByTestId('field-norm')).toHaveValue('layer');
  await waitReady(page);
});

test('hide= hides panels and controls for this visit only', async ({ page }) => {
  await openLink(page, `${TINY_LINK}&hide=data,learningRate,presets`);
  await expect(page.getByTestId('panel-model')).toBeVisible();
  await expect(page.getByTestId('panel-data')).toHaveCount(0);
  await expect(page.getByTestId('field-learningRate')).toHaveCount(0);
  await expect(page.getByTestId('field-batchSize')).toBeVisible();
  await expect(page.getByTestId('preset')).toHaveCount(0);
  await expect(page.getByTestId('toggle-panel-data')).toHaveAttribute('aria-pressed', 'false');
  await waitReady(page);
  await page.getByTestId('panels-menu').click();
  await page.getByTestId('toggle-panel-data').click();
  await expect(page.getByTestId('panel-data')).toBeVisible();

  // The stored preferences never learn about the lesson's hiding.
  await openLink(page, TINY_LINK);
  await expect(page.getByTestId('panel-data')).toBeVisible();
  await expect(page.getByTestId('field-learningRate')).toBeVisible();
  await waitReady(page);
});

test('autostart=1&steps=3 trains three steps by itself and pauses', async ({ page }) => {
  await openLink(page, `${TINY_LINK}&autostart=1&steps=3`);
  await expect(page.getByTestId('step-count')).toHaveText('3', { timeout: 120_000 });
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  await page.waitForTimeout(1_000);
  expect(await stepCount(page)).toBe(3);
});

test('the same link gives the same first losses', async ({ page }) => {
  const losses: number[][] = [];
  for (let visit = 0; visit < 2; visit++) {
    await openLink(page, TINY_LINK);
    await waitReady(page);
    losses.push([await clickStep(page, 1), await clickStep(page, 2)]);
  }
  expect(losses[1]).toEqual(losses[0]);
});

test('Copy link makes a link that reopens the current setup', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openLink(page, `preset=quick-demo&${TINY_LINK}&hide=learned`);
  await waitReady(page);
  const learningRate = page.getByTestId('field-learningRate');
  await learningRate.fill('0.004');
  await learningRate.press('Enter');

  const link = await copiedLink(page);
  const url = new URL(link);
  expect(url.searchParams.get('preset')).toBe('quick-demo');
  expect(url.searchParams.get('learningRate')).toBe('0.004');
  expect(url.searchParams.get('dataset')).toBe('synthetic');
  expect(url.searchParams.get('backend')).toBe('wasm');
  expect(url.searchParams.get('hide')).toBe('learned');

  await page.goto(link);
  await expect(page.getByTestId('preset')).toHaveValue('quick-demo');
  await expect(learningRate).toHaveValue('0.004');
  await expect(page.getByTestId('field-codeSize')).toHaveValue('8');
  await expect(page.getByTestId('panel-learned')).toHaveCount(0);
  await expect(page.getByTestId('url-notes')).toHaveCount(0);
  await waitReady(page);
  expect(await copiedLink(page)).toBe(link);
});

test('Copy link shows the link to copy by hand when the clipboard is refused', async ({ page }) => {
  await page.addInitScript(() => {
    const refuse = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: refuse } });
  });
  await openLink(page, `preset=cpc-v2&${TINY_LINK}`);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link-status')).toContainText('Copy this link');
  const field = page.getByTestId('copy-link-field');
  await expect(field).toBeFocused();
  const link = new URL(await field.inputValue());
  expect(link.searchParams.get('preset')).toBe('cpc-v2');
  expect(link.searchParams.get('seed')).toBe('7');
  await waitReady(page);
});
