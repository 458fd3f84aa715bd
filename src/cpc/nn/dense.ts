import * as tf from '@tensorflow/tfjs';
import { matMul } from '../ops/matMul';
import { glorotUniform, heNormal, zeros, type Initializer, type ParamScope } from './params';

export interface DenseOptions {
  bias?: boolean;
  /** 'relu' → He init (the layer feeds a (leaky) ReLU), 'linear' → Glorot. */
  init?: 'relu' | 'linear' | Initializer;
}

/** y = x·W + b for x: [N, in] → [N, out]. Weights decay; the bias does not. */
export function dense(scope: ParamScope, inputs: number, outputs: number, options: DenseOptions = {}) {
  const init =
    options.init === 'relu'
      ? heNormal
      : options.init === 'linear' || !options.init
        ? glorotUniform
        : options.init;
  const w = scope.add('w', [inputs, outputs], init, { decay: true });
  const b = options.bias === false ? null : scope.add('b', [outputs], zeros);
  return (x: tf.Tensor2D): tf.Tensor2D => {
    const y: tf.Tensor2D = matMul(x, w as tf.Tensor2D); // [N, out]
    return b ? (tf.add(y, b) as tf.Tensor2D) : y;
  };
}
