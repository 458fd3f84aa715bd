import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileWat, generatedModule, watFiles } from './lib/simdKernelsSource';

/**
 * Compiles the .wat files of src/cpc/ops/simd into src/cpc/ops/simd/simdKernelsWasm.ts (each module's
 * bytes, about 3 kB in all: the worker and Node load them without a fetch). Run after editing a .wat; a
 * unit test fails while the two differ.
 */
const folder = fileURLToPath(new URL('../src/cpc/ops/simd', import.meta.url));
const modules: [string, Uint8Array][] = [];
for (const [name, text] of watFiles(folder)) modules.push([name, await compileWat(text, `${name}.wat`)]);
writeFileSync(`${folder}/simdKernelsWasm.ts`, generatedModule(modules));
const bytes = modules.reduce((sum, [, b]) => sum + b.length, 0);
console.log(`wrote ${folder}/simdKernelsWasm.ts: ${modules.length} modules, ${bytes} bytes of WebAssembly`);
