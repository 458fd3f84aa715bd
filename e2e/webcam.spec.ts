import { CHROMIUM_FLAGS, chromiumExecutable } from '../scripts/lib/chromium';
import {
  clickStep,
  expect,
  openPlayground,
  test,
  TINY_CONFIG,
  trainPauseAndSave,
  type Page,
} from './fixtures';

// Chromium's fake camera (a moving test pattern), granted without a prompt.
test.use({
  launchOptions: {
    executablePath: chromiumExecutable(),
    args: [...CHROMIUM_FLAGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  },
  permissions: ['camera'],
});

/** Frames recorded per class before letting go: above the ten a class needs, so one can be deleted. */
const HELD_FRAMES = 12;

async function count(page: Page, classIndex: number): Promise<number> {
  return Number(await page.getByTestId('webcam-count').nth(classIndex).textContent());
}

/** The probe's split of a labelled import: a fifth of each class held out, at least one (split.ts). */
function heldOut(frames: number): number {
  return Math.min(frames - 1, Math.max(1, Math.round(frames * 0.2)));
}

/** Names two classes, starts the fake camera and records at least HELD_FRAMES into each. */
async function recordTwoClasses(page: Page): Promise<void> {
  await page.getByTestId('dataset-select').selectOption('webcam');
  const names = page.getByTestId('webcam-class-name');
  await expect(names).toHaveCount(2);
  await names.nth(0).fill('cup');
  await names.nth(1).fill('hand');
  const record = page.getByTestId('webcam-record');
  await expect(record.first()).toBeDisabled();
  await expect(page.getByTestId('webcam-use')).toBeDisabled();
  await expect(page.getByTestId('webcam-readiness')).toContainText('at least 10 frames');

  await page.getByTestId('webcam-start').click();
  const preview = page.getByTestId('webcam-preview');
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);

  // Class 1 by mouse: held until enough frames came in, then let go.
  await record.nth(0).hover();
  await page.mouse.down();
  await expect.poll(() => count(page, 0)).toBeGreaterThanOrEqual(HELD_FRAMES);
  await page.mouse.up();
  // Class 2 by keyboard: Space held on the focused button.
  await record.nth(1).focus();
  await page.keyboard.down('Space');
  await expect.poll(() => count(page, 1)).toBeGreaterThanOrEqual(HELD_FRAMES);
  await page.keyboard.up('Space');
}

test('webcam classes: record two classes with the fake camera, prune, train, and probe', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await recordTwoClasses(page);

  // Let go means stopped: the counts no longer grow, and each class shows a thumbnail per frame.
  const recorded = [await count(page, 0), await count(page, 1)];
  const classes = page.getByTestId('webcam-class');
  await expect(classes.nth(0).getByTestId('webcam-frame')).toHaveCount(recorded[0]);
  await expect(classes.nth(1).getByTestId('webcam-frame')).toHaveCount(recorded[1]);
  expect([await count(page, 0), await count(page, 1)]).toEqual(recorded);

  await classes.nth(0).getByTestId('webcam-frame').first().click();
  await expect(page.getByTestId('webcam-count').nth(0)).toHaveText(String(recorded[0] - 1));
  const frames = [recorded[0] - 1, recorded[1]];
  await expect(page.getByTestId('webcam-readiness')).toHaveAttribute('data-state', 'ready');

  // Leaving the webcam choice must stop the camera: keep hold of its tracks to check at the end.
  const preview = page.getByTestId('webcam-preview');
  await preview.evaluate((v: HTMLVideoElement) => {
    (window as unknown as { webcamTracks: MediaStreamTrack[] }).webcamTracks = (
      v.srcObject as MediaStream
    ).getTracks();
  });

  await page.getByTestId('webcam-use').click();
  const summary = page.getByTestId('dataset-summary');
  await expect(summary.getByTestId('summary-images')).toHaveText(String(frames[0] + frames[1]));
  await expect(summary.getByTestId('class-count')).toHaveText([`cup: ${frames[0]}`, `hand: ${frames[1]}`]);
  await expect(page.getByTestId('fitted-config')).toContainText('32 px');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  // Still recording: the panel stays while the recorded set trains.
  await expect(page.getByTestId('dataset-select')).toHaveValue('webcam');

  await clickStep(page, 1);
  await clickStep(page, 2);

  await page.getByTestId('probe-run').click();
  const result = page.getByTestId('probe-result');
  await expect(result).toBeVisible({ timeout: 120_000 });
  for (const source of ['cpc', 'random', 'pixels']) {
    for (const probe of ['linear', 'knn']) {
      await expect(result.getByTestId(`probe-${source}-${probe}`)).toHaveText(/^\d+\.\d%$/);
    }
  }
  const test_ = heldOut(frames[0]) + heldOut(frames[1]);
  const train = frames[0] + frames[1] - test_;
  await expect(result).toContainText(`trained on ${train} images, scored on ${test_}`);

  await page.getByTestId('dataset-select').selectOption('synthetic');
  await expect(page.getByTestId('webcam-panel')).toHaveCount(0);
  const states = await page.evaluate(() =>
    (window as unknown as { webcamTracks: MediaStreamTrack[] }).webcamTracks.map((t) => t.readyState),
  );
  expect(states.length).toBeGreaterThan(0);
  expect(new Set(states)).toEqual(new Set(['ended']));
});

test('a denied, missing or absent camera is explained in the panel', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () =>
      Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await page.getByTestId('dataset-select').selectOption('webcam');
  const message = page.getByTestId('webcam-message');

  await page.getByTestId('webcam-start').click();
  await expect(message).toHaveAttribute('data-failure', 'denied');
  await expect(message).toContainText('Camera access was denied');
  await expect(page.getByTestId('webcam-record').first()).toBeDisabled();
  await expect(page.getByTestId('webcam-preview')).toBeHidden();

  await page.evaluate(() => {
    navigator.mediaDevices.getUserMedia = () =>
      Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));
  });
  await page.getByTestId('webcam-start').click();
  await expect(message).toHaveAttribute('data-failure', 'missing');
  await expect(message).toContainText('No camera was found');

  // An insecure page (http on another host) has no navigator.mediaDevices at all.
  await page.evaluate(() => Object.defineProperty(navigator, 'mediaDevices', { value: undefined }));
  await page.getByTestId('webcam-start').click();
  await expect(message).toHaveAttribute('data-failure', 'unsupported');
  await expect(message).toContainText('secure page');
});

test('recorded classes kept with a saved run resume after a reload, without the camera', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await recordTwoClasses(page);
  const frames = (await count(page, 0)) + (await count(page, 1));
  await page.getByTestId('webcam-use').click();
  await expect(page.getByTestId('dataset-summary').getByTestId('summary-images')).toHaveText(String(frames));
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  await page.getByTestId('runs-button').click();
  // The frames exist nowhere else, so keeping them is on from the start.
  await expect(page.getByTestId('keep-images')).toBeChecked();
  await page.getByRole('button', { name: 'Close saved runs' }).click();

  const saved = await trainPauseAndSave(page);
  await expect(page.getByTestId('run-row')).toContainText('Webcam: cup, hand');

  await page.reload();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused', { timeout: 120_000 });
  await page.getByTestId('resume-run').click();
  await expect(page.getByTestId('step-count')).toHaveText(String(saved));
  await expect(page.getByTestId('folder-request')).toHaveCount(0);
  const summary = page.getByTestId('dataset-summary');
  await expect(summary.getByTestId('summary-images')).toHaveText(String(frames));
  await expect(summary.getByTestId('summary-classes')).toHaveText('2');
  await clickStep(page, saved + 1);
});
