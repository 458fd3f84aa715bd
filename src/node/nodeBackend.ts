import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { installWasmKernels } from '../cpc/ops/wasmKernels';

installWasmKernels();

export type NodeBackend = 'wasm' | 'cpu';

/** WASM when it initialises (about 10× faster than cpu here), else the pure-JS cpu backend. */
export async function initNodeBackend(preferred: NodeBackend = 'wasm'): Promise<NodeBackend> {
  tf.env().set('PROD', true); // no debug checks, no "install tfjs-node" banner (it cannot install here)
  for (const name of preferred === 'wasm' ? (['wasm', 'cpu'] as const) : (['cpu'] as const)) {
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return name;
      }
    } catch {
      // try the next backend
    }
  }
  throw new Error('No tfjs backend could be initialised.');
}
