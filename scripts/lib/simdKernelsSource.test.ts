import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileAll, compileWat, generatedFiles } from './simdKernelsSource';

const folder = fileURLToPath(new URL('../../src/cpc/ops/simd', import.meta.url));

describe('the SIMD kernels’ generated module', () => {
  it('is the .wat files as they are now (run `npm run build:simd` after editing one)', async () => {
    const [plain, shared] = await compileAll(folder);
    expect(plain.map(([name]) => name)).toEqual(['candidates', 'elementwise', 'layout', 'reductions']);
    expect(shared.map(([name]) => name)).toEqual(plain.map(([name]) => name));
    const files = generatedFiles(plain, shared);
    expect(Object.keys(files)).toEqual(['simdKernelsWasm.ts', 'simdKernelsWasmShared.ts']);
    for (const [file, text] of Object.entries(files))
      expect(readFileSync(`${folder}/${file}`, 'utf8')).toBe(text);
  });

  it('imports a shared memory only in the shared variant', async () => {
    const text = '(module (import "env" "memory" (memory 0)))';
    const imports = async (shared: boolean) =>
      WebAssembly.Module.imports(
        new WebAssembly.Module(await compileWat(text, 'm.wat', { sharedMemory: shared })),
      );
    expect(await imports(false)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    expect(await imports(true)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    const memory = (shared: boolean) => new WebAssembly.Memory({ initial: 1, maximum: 65536, shared });
    const instantiate = async (sharedModule: boolean, sharedMemory: boolean) =>
      new WebAssembly.Instance(
        new WebAssembly.Module(await compileWat(text, 'm.wat', { sharedMemory: sharedModule })),
        { env: { memory: memory(sharedMemory) } },
      );
    await expect(instantiate(true, true)).resolves.toBeDefined();
    await expect(instantiate(false, false)).resolves.toBeDefined();
    await expect(instantiate(false, true)).rejects.toThrow();
    await expect(instantiate(true, false)).rejects.toThrow();
    await expect(compileWat('(module)', 'm.wat', { sharedMemory: true })).rejects.toThrow(
      /does not import memory/,
    );
  });

  it('rejects a .wat that does not validate', async () => {
    await expect(compileWat('(module (func (result i32)))')).rejects.toThrow();
  });
});
