import * as tf from '@tensorflow/tfjs';
import { matMul } from '../ops/matMul';
import type { ParamScope } from '../nn/params';
import { glorotUniform, recurrentNormal, stacked } from '../nn/params';
import { lanesToSequences, projectInputs, sequencesToLanes } from './lanes';
import type { ContextModel } from './types';

/** Standard LSTM (gates i, f, g, o); the forget-gate bias starts at 1 so early memory is kept. */
export function createLstm(scope: ParamScope, ndir: number, inputs: number, hidden: number): ContextModel {
  const wx = scope.add('wx', [ndir, inputs, 4 * hidden], stacked(glorotUniform), {
    decay: true,
  }) as tf.Variable<tf.Rank.R3>;
  const wh = scope.add('wh', [ndir, hidden, 4 * hidden], stacked(recurrentNormal), {
    decay: true,
  }) as tf.Variable<tf.Rank.R3>;
  const b = scope.add('b', [ndir, 1, 4 * hidden], (shape) => forgetBiasOne(shape, hidden));
  return {
    hiddenSize: hidden,
    run: (z) => {
      const [, batch, , lanes] = z.shape;
      const xs = projectInputs(lanesToSequences(z), wx, b); // T × [Ndir, S, 4H]
      let h: tf.Tensor3D = tf.zeros([ndir, batch * lanes, hidden]); // [Ndir, S, H]
      let c: tf.Tensor3D = tf.zeros([ndir, batch * lanes, hidden]);
      const outputs: tf.Tensor3D[] = [];
      for (const x of xs) {
        const gates = tf.add(x, matMul(h, wh)); // [Ndir, S, 4H]
        const [gi, gf, gg, go] = tf.split(gates, 4, 2); // 4 × [Ndir, S, H]
        c = tf.add(tf.mul(tf.sigmoid(gf), c), tf.mul(tf.sigmoid(gi), tf.tanh(gg))) as tf.Tensor3D;
        h = tf.mul(tf.sigmoid(go), tf.tanh(c)) as tf.Tensor3D;
        outputs.push(h);
      }
      return sequencesToLanes(tf.stack(outputs, 2) as tf.Tensor4D, batch, lanes); // [Ndir, B, T, L, H]
    },
  };
}

function forgetBiasOne(shape: number[], hidden: number): Float32Array {
  const out = new Float32Array(shape.reduce((a, b) => a * b, 1));
  const gates = 4 * hidden;
  for (let i = 0; i < out.length; i++) if (i % gates >= hidden && i % gates < 2 * hidden) out[i] = 1;
  return out;
}
