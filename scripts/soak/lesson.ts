/**
 * The soak's lesson in the real page: opened as a student finds it (WASM, the Default preset, autosave every
 * 200 steps, the learned panels shown and refreshing, probes every 500 steps), then trained with Start and
 * sampled every `every` steps (./sample.ts).
 */
import type { Browser, Page } from '@playwright/test';
import { readProgress, sampleOnce, type SoakSample } from './sample';
import { tableHeader, tableRow } from './table';

const LOAD_TIMEOUT_MS = 600_000;
const AUTOSAVE_EVERY = 200;
const POLL_MS = 500;

/** The page as a lesson has it, checked rather than assumed: WASM, Default preset, autosave, panels. */
export async function openLesson(browser: Browser, origin: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(`${origin}/?backend=wasm`);
  await page.locator('[data-testid="status"][data-state="paused"]').waitFor({ timeout: LOAD_TIMEOUT_MS });
  // Autosave lives in the Saved runs dialog: set it as a teacher would (the default is the same), close it.
  await page.getByTestId('runs-button').click();
  await page.getByTestId('autosave-every').fill(String(AUTOSAVE_EVERY));
  const autosaveEvery = await page.getByTestId('autosave-every').inputValue();
  await page.getByRole('button', { name: 'Close saved runs' }).click();
  const setup = await page.evaluate<Record<string, string | null>>(`({
    preset: document.querySelector('[data-testid="preset"]')?.value ?? null,
    refreshEvery: document.querySelector('[data-testid="visualisation-rate"]')?.value ?? null,
    probeEvery: document.querySelector('[data-testid="probe-every"]')?.value ?? null,
    learnedShown: document.querySelector('[data-testid="toggle-panel-learned"]')?.getAttribute('aria-pressed') ?? null,
    backend: document.querySelector('[data-testid="backend"]')?.textContent ?? null,
  })`);
  console.log(`page: ${JSON.stringify({ ...setup, autosaveEvery })}`);
  if (setup.preset !== 'default') throw new Error(`preset is ${setup.preset}, not default`);
  if (Number(autosaveEvery) !== AUTOSAVE_EVERY) throw new Error('autosave is off');
  if (!(Number(setup.refreshEvery) > 0)) throw new Error('the learned panels do not refresh while training');
  if (setup.learnedShown !== 'true') throw new Error('the learned panels are hidden');
  return page;
}

/**
 * Presses Start and samples every `every` steps up to `steps`, then pauses. `onSample`: after each
 * sample, so that a run stopped early still leaves its samples to judge.
 */
export async function trainAndSample(
  browser: Browser,
  page: Page,
  { steps, every }: { steps: number; every: number },
  samples: SoakSample[],
  onSample: () => void,
): Promise<void> {
  const startedAt = Date.now();
  console.log(tableHeader());
  const take = async () => {
    const sample = await sampleOnce(browser, page, startedAt, samples[samples.length - 1] ?? null);
    samples.push(sample);
    console.log(tableRow(sample));
    onSample();
  };
  await take();
  await page.getByTestId('start').click();
  await page.locator('[data-testid="status"][data-state="running"]').waitFor();
  for (let next = every; next <= steps; next += every) {
    // Polled from here: the page's CSP forbids the eval behind a string waitForFunction.
    let progress = await readProgress(page);
    while (progress.step < next && progress.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      progress = await readProgress(page);
    }
    if (progress.state !== 'running')
      throw new Error(`the run stopped by itself at step ${progress.step} (${progress.state})`);
    await take();
  }
  await page.getByTestId('pause').click();
}
