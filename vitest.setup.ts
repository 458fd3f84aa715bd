import * as tf from '@tensorflow/tfjs';

// Silences tfjs' "install tfjs-node" banner (tfjs-node cannot install here; the suite uses cpu and wasm).
// PROD rather than IS_TEST: IS_TEST also turns on a per-kernel leak check that misreads tensors saved
// by custom gradients on WASM.
tf.env().set('PROD', true);
