import { clickStep, expect, expectNoError, openPlayground, test, TINY_CONFIG } from './fixtures';

// Without a GPU, Chromium runs WebGPU on SwiftShader: slow, but it runs the real WGSL kernels.

test('webgpu: the Step button completes two steps without GPU errors', async ({ page }) => {
  await openPlayground(page, { backend: 'webgpu', config: TINY_CONFIG });
  await expect(page.getByTestId('backend')).toHaveText(/^webgpu: requested: webgpu on /);
  await clickStep(page, 1);
  await clickStep(page, 2);
  // The worker reports WebGPU validation errors and rejected updates on this line.
  await expectNoError(page);
});

test('webgpu: losses match wasm step for step', async ({ page }) => {
  // A real learning rate from step 1, so that a dropped or wrong update changes the next losses.
  const config = { ...TINY_CONFIG, learningRate: 0.05, warmupSteps: 0 };
  const losses: Record<'wasm' | 'webgpu', number[]> = { wasm: [], webgpu: [] };
  for (const backend of ['wasm', 'webgpu'] as const) {
    await openPlayground(page, { backend, config });
    for (let step = 1; step <= 3; step++) losses[backend].push(await clickStep(page, step));
  }
  losses.webgpu.forEach((loss, i) => {
    expect(Math.abs(loss - losses.wasm[i]), `|webgpu − wasm| loss at step ${i + 1}`).toBeLessThanOrEqual(
      2e-4,
    );
  });
});
