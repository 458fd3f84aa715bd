import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

/**
 * tfjs-wasm's threaded build starts each pthread (a worker) from the text of its module factory:
 * `new Blob(['var WasmBackendModuleThreadedSimd = ' + wasmFactoryThreadedSimd.toString()])`. In our
 * minified bundle that text is the bundler's rewrite of the function, which refers to helpers outside
 * it ("e is not defined" in every pthread, and the backend's start hangs). This plugin puts the
 * factory's original source there instead, as a string, which no bundler or minifier rewrites. The
 * training worker's own copy of the factory stays bundled; both are the same Emscripten code.
 */
export const THREADED_FACTORY_CALL = 'wasmFactoryThreadedSimd.toString()';

/** The module of tfjs-backend-wasm that makes the pthreads' Blob. */
const BACKEND_MODULE = /@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;

const require = createRequire(import.meta.url);

/**
 * The factory function's source in the Emscripten output: `var WasmBackendModuleThreadedSimd = (() => {
 * … return (\nfunction(WasmBackendModuleThreadedSimd) {…}\n);\n})();`, the function alone.
 */
export function threadedFactorySource(
  emscriptenOutput = readFileSync(
    require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js'),
    'utf8',
  ),
): string {
  const opening = 'return (\nfunction(WasmBackendModuleThreadedSimd) {';
  const closing = '\n);\n})();';
  const start = emscriptenOutput.indexOf(opening);
  const end = emscriptenOutput.lastIndexOf(closing);
  if (start < 0 || end < start)
    throw new Error('tfjs-backend-wasm: the threaded factory is not where wasmThreadedFactory.ts looks');
  return emscriptenOutput.slice(start + 'return ('.length, end).trim();
}

/** `code` (backend_wasm.js) with the factory's `toString()` replaced by its source as a literal. */
export function withFactorySource(code: string, source: string): string {
  const at = code.indexOf(THREADED_FACTORY_CALL);
  if (at < 0 || code.indexOf(THREADED_FACTORY_CALL, at + 1) >= 0)
    throw new Error(`tfjs-backend-wasm: expected one ${THREADED_FACTORY_CALL} in backend_wasm.js`);
  return code.replace(THREADED_FACTORY_CALL, JSON.stringify(source));
}

/** The Vite plugin; the training worker's bundle needs it (vite.config.ts, `worker.plugins`). */
export function wasmThreadedFactory(): Plugin {
  let source: string | undefined;
  return {
    name: 'cpc:wasm-threaded-factory',
    transform(code, id) {
      if (!BACKEND_MODULE.test(id.split('?')[0])) return null;
      source ??= threadedFactorySource();
      return { code: withFactorySource(code, source), map: null };
    },
  };
}
