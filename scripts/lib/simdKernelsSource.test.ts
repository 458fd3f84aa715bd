import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileWat, generatedModule, watFiles } from './simdKernelsSource';

const folder = fileURLToPath(new URL('../../src/cpc/ops/simd', import.meta.url));

describe('the SIMD kernels’ generated module', () => {
  it('is the .wat files as they are now (run `npm run build:simd` after editing one)', async () => {
    const modules: [string, Uint8Array][] = [];
    for (const [name, text] of watFiles(folder)) modules.push([name, await compileWat(text)]);
    expect(modules.map(([name]) => name)).toEqual(['candidates', 'elementwise', 'layout', 'reductions']);
    expect(readFileSync(`${folder}/simdKernelsWasm.ts`, 'utf8')).toBe(generatedModule(modules));
  });

  it('rejects a .wat that does not validate', async () => {
    await expect(compileWat('(module (func (result i32)))')).rejects.toThrow();
  });
});
