import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileWat, generatedModule } from './simdKernelsSource';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

describe('the SIMD kernels’ generated module', () => {
  it('is kernels.wat as it is now (run `npm run build:simd` after editing it)', async () => {
    const bytes = await compileWat(readFileSync(here('../../src/cpc/ops/simd/kernels.wat'), 'utf8'));
    expect(readFileSync(here('../../src/cpc/ops/simd/simdKernelsWasm.ts'), 'utf8')).toBe(
      generatedModule(bytes),
    );
  });

  it('rejects a .wat that does not validate', async () => {
    await expect(compileWat('(module (func (result i32)))')).rejects.toThrow();
  });
});
