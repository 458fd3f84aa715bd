import { presetById } from '../src/cpc/presets';
import { clickStep, expect, expectNoError, openPlayground, stepCount, test, TINY_CONFIG } from './fixtures';

// Every backend the page offers, in one place. Without a GPU, Chromium runs WebGPU and WebGL on
// SwiftShader: slow, but the real WGSL and GLSL kernels run, so tiny configs keep each to a minute.

/**
 * A real learning rate from step 1, so that a dropped or wrong update changes the next losses. Two conv
 * layers (8 → 4 → 2 px), so that WebGPU's column-form convolution (src/cpc/ops/convByColumns.ts) runs
 * forward, and back through both gradients: a first layer's input gradient is never computed.
 */
const MATCH_CONFIG = { ...TINY_CONFIG, encoderDepth: 2, learningRate: 0.05, warmupSteps: 0 };
/** How far a GPU backend's losses may drift from WASM's over three steps (float32 on another device). */
const TOLERANCE = { webgpu: 2e-4, webgl: 1e-3 } as const;

test.describe.serial('the GPU backends train the same steps as WASM', () => {
  const wasmLosses: number[] = [];

  test('wasm: three steps, the reference', async ({ page }) => {
    await openPlayground(page, { backend: 'wasm', config: MATCH_CONFIG });
    for (let step = 1; step <= 3; step++) wasmLosses.push(await clickStep(page, step));
    expect(wasmLosses.every(Number.isFinite)).toBe(true);
  });

  for (const backend of ['webgpu', 'webgl'] as const) {
    test(`${backend}: the same three losses, without GPU errors`, async ({ page }) => {
      expect(wasmLosses, 'the wasm reference ran first').toHaveLength(3);
      await openPlayground(page, { backend, config: MATCH_CONFIG });
      await expect(page.getByTestId('backend')).toHaveText(
        new RegExp(`^${backend}: requested: ${backend} on `),
      );
      // The worker checks its own WGSL kernels against tfjs' ops on the device (src/worker/webgpuOwnKernels.ts).
      if (backend === 'webgpu')
        for (const kernel of [
          'matrix products checked',
          'bias adds, transposes and reductions checked',
          'column-form convolutions checked',
          'fused layer norm checked',
        ])
          await expect(page.getByTestId('backend')).toContainText(kernel);
      for (let step = 1; step <= 3; step++) {
        const loss = await clickStep(page, step);
        expect(
          Math.abs(loss - wasmLosses[step - 1]),
          `|${backend} − wasm| at step ${step}`,
        ).toBeLessThanOrEqual(TOLERANCE[backend]);
      }
      // The worker reports WebGPU validation errors and rejected updates on this line.
      await expectNoError(page);
    });
  }
});

// The CPC v2 preset (ResNet + layer norm, masked-conv context over four directions, InfoNCE,
// augmentation) made tiny, so that its kernels compile and run on the GPU backends in minutes.
const SMALL_CPC_V2 = { ...presetById('cpc-v2').config, ...TINY_CONFIG, encoderDepth: 2 };

test.describe.serial('the CPC v2 preset trains the same steps on WebGPU as on WASM', () => {
  // A real learning rate from step 1, as MATCH_CONFIG. The ResNet's stem has an 8×8 output and its blocks
  // 4×4, all in column form on WebGPU, with layer norms.
  const config = { ...SMALL_CPC_V2, learningRate: 0.05, warmupSteps: 0 };
  const wasmLosses: number[] = [];

  test('wasm: two steps, the reference', async ({ page }) => {
    await openPlayground(page, { backend: 'wasm', config });
    for (const step of [1, 2]) wasmLosses.push(await clickStep(page, step));
    expect(wasmLosses.every(Number.isFinite)).toBe(true);
  });

  test('webgpu: the same two losses, without GPU errors', async ({ page }) => {
    test.setTimeout(240_000);
    expect(wasmLosses, 'the wasm reference ran first').toHaveLength(2);
    await openPlayground(page, { backend: 'webgpu', config });
    await expect(page.getByTestId('backend')).toHaveText(
      /^webgpu: requested: webgpu on .*fused layer norm checked/,
    );
    for (const step of [1, 2]) {
      const loss = await clickStep(page, step);
      expect(Math.abs(loss - wasmLosses[step - 1]), `|webgpu − wasm| at step ${step}`).toBeLessThanOrEqual(
        TOLERANCE.webgpu,
      );
    }
    await expectNoError(page);
  });
});

test('webgl: the CPC v2 preset trains two steps with a finite loss', async ({ page }) => {
  test.setTimeout(240_000);
  await openPlayground(page, { backend: 'webgl', config: SMALL_CPC_V2 });
  await expect(page.getByTestId('backend')).toHaveText(/^webgl: requested: webgl on /);
  for (const step of [1, 2]) expect(Number.isFinite(await clickStep(page, step))).toBe(true);
  await expectNoError(page);
});

test('wasm: Start advances the step count, Pause holds it, Step adds exactly one', async ({ page }) => {
  await openPlayground(page, { backend: 'wasm', config: TINY_CONFIG });
  await expect(page.getByTestId('backend')).toHaveText(/^wasm: requested: wasm/);

  await page.getByTestId('start').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
  await expect.poll(() => stepCount(page)).toBeGreaterThanOrEqual(5);

  await page.getByTestId('pause').click();
  // `paused` arrives after the step in flight, with its metrics already shown.
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'paused');
  const paused = await stepCount(page);
  await page.waitForTimeout(1_000);
  expect(await stepCount(page)).toBe(paused);

  await clickStep(page, paused + 1);
  await page.waitForTimeout(500);
  expect(await stepCount(page)).toBe(paused + 1);
  await expectNoError(page);
});

test('auto: times the candidates on the config and shows the measured numbers', async ({ page }) => {
  await openPlayground(page, { backend: 'auto', config: TINY_CONFIG });
  // wasm is always timed first; a first step past its share reads "wasm > N ms (first step M ms)".
  await expect(page.getByTestId('backend')).toHaveText(/^(webgpu|webgl|wasm): auto: .*\bwasm (> )?[\d,]+ ms/);
  await clickStep(page, 1);
  await expectNoError(page);
});
