import { clickStep, expect, openPlayground, test, TINY_CONFIG } from './fixtures';

// WebGL on SwiftShader is the slowest path here; a tiny config keeps it to seconds.

test('webgl: trains and matches wasm step for step', async ({ page }) => {
  const config = { ...TINY_CONFIG, learningRate: 0.05, warmupSteps: 0 };
  const losses: Record<'wasm' | 'webgl', number[]> = { wasm: [], webgl: [] };
  for (const backend of ['wasm', 'webgl'] as const) {
    await openPlayground(page, { backend, config });
    if (backend === 'webgl') await expect(page.getByTestId('backend')).toHaveText(/^webgl: /);
    for (let step = 1; step <= 3; step++) losses[backend].push(await clickStep(page, step));
  }
  losses.webgl.forEach((loss, i) => {
    expect(Math.abs(loss - losses.wasm[i]), `|webgl − wasm| loss at step ${i + 1}`).toBeLessThanOrEqual(1e-3);
  });
});
