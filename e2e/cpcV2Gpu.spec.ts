import { presetById } from '../src/cpc/presets';
import { clickStep, expect, expectNoError, openPlayground, test, TINY_CONFIG } from './fixtures';

// The CPC v2 preset (ResNet + layer norm, masked-conv context over four directions, InfoNCE,
// augmentation) made tiny, so that its kernels compile and run on the GPU backends in minutes.
const SMALL_CPC_V2 = { ...presetById('cpc-v2').config, ...TINY_CONFIG, encoderDepth: 2 };

for (const backend of ['webgpu', 'webgl'] as const) {
  test(`${backend}: the CPC v2 preset trains two steps with a finite loss`, async ({ page }) => {
    test.setTimeout(240_000);
    await openPlayground(page, { backend, config: SMALL_CPC_V2 });
    await expect(page.getByTestId('backend')).toHaveText(
      new RegExp(`^${backend}: requested: ${backend} on `),
    );
    for (const step of [1, 2]) expect(Number.isFinite(await clickStep(page, step))).toBe(true);
    await expectNoError(page);
  });
}
