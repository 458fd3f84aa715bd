import * as tf from '@tensorflow/tfjs';

// Silences tfjs' "install tfjs-node" banner (tfjs-node cannot install here; the suite uses cpu and wasm).
tf.env().set('IS_TEST', true);
