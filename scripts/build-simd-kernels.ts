import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileAll, generatedFiles } from './lib/simdKernelsSource';

/**
 * Compiles the .wat files of src/cpc/ops/simd into src/cpc/ops/simd/simdKernelsWasm.ts (each module's
 * bytes, about 3.5 kB in all: the worker and Node load them without a fetch) and simdKernelsWasmShared.ts
 * (the same modules importing a shared memory, for tfjs-wasm's threaded build). Run after editing a .wat;
 * a unit test fails while they differ.
 */
const folder = fileURLToPath(new URL('../src/cpc/ops/simd', import.meta.url));
const [plain, shared] = await compileAll(folder);
const files = generatedFiles(plain, shared);
for (const [file, text] of Object.entries(files)) writeFileSync(`${folder}/${file}`, text);
const bytes = [...plain, ...shared].reduce((sum, [, b]) => sum + b.length, 0);
console.log(
  `wrote ${Object.keys(files).join(' and ')}: ${plain.length} modules each, ${bytes} bytes of WebAssembly`,
);
