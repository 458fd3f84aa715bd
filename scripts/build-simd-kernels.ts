import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileWat, generatedModule } from './lib/simdKernelsSource';

/**
 * Compiles src/cpc/ops/simd/kernels.wat into src/cpc/ops/simd/simdKernelsWasm.ts (the module's bytes,
 * under 2 kB: the worker and Node both load it without a fetch). Run after editing the
 * .wat; a unit test fails while the two differ.
 */
const wat = fileURLToPath(new URL('../src/cpc/ops/simd/kernels.wat', import.meta.url));
const out = fileURLToPath(new URL('../src/cpc/ops/simd/simdKernelsWasm.ts', import.meta.url));
const bytes = await compileWat(readFileSync(wat, 'utf8'));
writeFileSync(out, generatedModule(bytes));
console.log(`wrote ${out}: ${bytes.length} bytes of WebAssembly`);
