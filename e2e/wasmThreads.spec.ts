import { clickStep, expect, openPlayground, test } from './fixtures';

// The preview server makes the page cross-origin isolated (COOP + COEP), so tfjs-wasm runs its threaded
// build: XNNPACK's convolutions on one thread per core, up to four (src/worker/wasmThreads.ts). A page
// served without those headers cannot share memory between threads and runs the single-threaded build.
// Both must train, and to the same numbers: threads split each product's output, not its sums.

test.describe.serial('WASM threads', () => {
  const threadedLosses: number[] = [];

  test('an isolated page trains on one thread per core, up to four', async ({ page }) => {
    await openPlayground(page, { backend: 'wasm' });
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const threads = Math.min(4, Math.max(1, cores));
    await expect(page.getByTestId('backend')).toHaveText(
      new RegExp(`^wasm: requested: wasm \\(SIMD, ${threads} threads?\\)`),
    );
    await expect(page.getByTestId('backend')).not.toContainText('threads did not start');
    for (let step = 1; step <= 3; step++) threadedLosses.push(await clickStep(page, step));
    // XNNPACK's pool runs one pthread worker per thread beside the training worker's own; tfjs starts
    // eight, and the idle ones are ended. A second start of the module (tf.findBackend before
    // setBackend) used to leave eight more in the tab, idle for good.
    const pthreads = page.workers().filter((worker) => worker.url().startsWith('blob:'));
    expect(pthreads, 'pthread workers alive in the tab').toHaveLength(threads - 1);
  });

  test('a page without isolation trains on one thread, to the same losses', async ({ page }) => {
    expect(threadedLosses, 'the threaded run went first').toHaveLength(3);
    await page.route(
      (url) => url.pathname === '/',
      async (route) => {
        const response = await route.fetch();
        const headers = { ...response.headers() };
        delete headers['cross-origin-opener-policy'];
        delete headers['cross-origin-embedder-policy'];
        await route.fulfill({ response, headers });
      },
    );
    await openPlayground(page, { backend: 'wasm' });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    await expect(page.getByTestId('backend')).toHaveText(/^wasm: requested: wasm \(SIMD, 1 thread\)/);
    const losses: number[] = [];
    for (let step = 1; step <= 3; step++) losses.push(await clickStep(page, step));
    expect(losses).toEqual(threadedLosses);
  });
});
