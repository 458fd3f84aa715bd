import * as tf from '@tensorflow/tfjs';
import { beforeAll } from 'vitest';

// Silences tfjs' "install tfjs-node" banner (tfjs-node cannot install here; the suite uses cpu and wasm).
// PROD rather than IS_TEST: IS_TEST also turns on a per-kernel leak check that misreads tensors saved
// by custom gradients on WASM.
tf.env().set('PROD', true);

// Test files share one module graph per fork (vitest.config.ts, isolate: false), and with it tfjs' active
// backend: each file starts on cpu, as it would alone, whatever the file before it chose.
beforeAll(async () => {
  await tf.setBackend('cpu');
});
