import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { THREADED_FACTORY_CALL, threadedFactorySource, withFactorySource } from './wasmThreadedFactory';

const require = createRequire(import.meta.url);
const backendModule = readFileSync(
  require.resolve('@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js'),
  'utf8',
);

describe('the threaded tfjs-wasm factory kept intact for its pthreads', () => {
  it('is the Emscripten factory function alone, which a pthread can evaluate by itself', () => {
    const source = threadedFactorySource();
    expect(source.startsWith('function(WasmBackendModuleThreadedSimd) {')).toBe(true);
    expect(source.endsWith('return WasmBackendModuleThreadedSimd.ready\n}')).toBe(true);
    // What the pthread's Blob runs: it defines the factory and nothing else.
    const scope = new Function(
      `var WasmBackendModuleThreadedSimd = ${source}; return WasmBackendModuleThreadedSimd;`,
    );
    expect(typeof scope()).toBe('function');
  });

  it('replaces the one toString() call in the installed tfjs-backend-wasm', () => {
    expect(backendModule.split(THREADED_FACTORY_CALL)).toHaveLength(2);
    const source = 'function(M) {\n  return "a\\nb";\n}';
    const patched = withFactorySource(backendModule, source);
    expect(patched).not.toContain(THREADED_FACTORY_CALL);
    // A string literal that evaluates to the source itself, quotes and backslashes included.
    const literal = JSON.stringify(source);
    expect(patched).toContain(`\`var WasmBackendModuleThreadedSimd = \` +\n                    ${literal}]`);
    expect(JSON.parse(literal)).toBe(source);
  });

  it('fails the build when tfjs-backend-wasm changes where it looks', () => {
    expect(() => withFactorySource('export const x = 1;', 'function() {}')).toThrow(/expected one/);
    expect(() => threadedFactorySource('var WasmBackendModuleThreadedSimd = 1;')).toThrow(/not where/);
  });
});
