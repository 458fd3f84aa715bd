import * as tf from '@tensorflow/tfjs';
import { matMul } from '../ops/matMul';
import type { ParamScope } from '../nn/params';
import { glorotUniform, recurrentNormal, stacked, zeros } from '../nn/params';
import { lanesToSequences, projectInputs, sequencesToLanes } from './lanes';
import type { ContextModel } from './types';

/**
 * A GRU written out by hand (tf.layers.gru has no reset_after and defaults to a hard sigmoid; see
 * TFJS-NOTES). PyTorch's formulation: r, u = σ(x·Wx + h·Wh + b); n = tanh(x·Wxn + r ⊙ (h·Whn + bhn));
 * h' = (1 − u) ⊙ n + u ⊙ h.
 */
export function createGru(scope: ParamScope, ndir: number, inputs: number, hidden: number): ContextModel {
  const wx = scope.add('wx', [ndir, inputs, 3 * hidden], stacked(glorotUniform), {
    decay: true,
  }) as tf.Variable<tf.Rank.R3>;
  const wh = scope.add('wh', [ndir, hidden, 3 * hidden], stacked(recurrentNormal), {
    decay: true,
  }) as tf.Variable<tf.Rank.R3>;
  const bx = scope.add('bx', [ndir, 1, 3 * hidden], zeros);
  const bh = scope.add('bh', [ndir, 1, 3 * hidden], zeros);
  return {
    hiddenSize: hidden,
    run: (z) => {
      const [, batch, , lanes] = z.shape;
      const xs = projectInputs(lanesToSequences(z), wx, bx); // T × [Ndir, S, 3H]
      let h: tf.Tensor3D = tf.zeros([ndir, batch * lanes, hidden]); // [Ndir, S, H]
      const outputs: tf.Tensor3D[] = [];
      for (const x of xs) {
        const hp = tf.add(matMul(h, wh), bh); // [Ndir, S, 3H]
        const [xr, xu, xn] = tf.split(x, 3, 2); // 3 × [Ndir, S, H]
        const [hr, hu, hn] = tf.split(hp, 3, 2);
        const r = tf.sigmoid(tf.add(xr, hr));
        const u = tf.sigmoid(tf.add(xu, hu));
        const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
        h = tf.add(n, tf.mul(u, tf.sub(h, n))) as tf.Tensor3D; // (1−u)·n + u·h
        outputs.push(h);
      }
      return sequencesToLanes(tf.stack(outputs, 2) as tf.Tensor4D, batch, lanes); // [Ndir, B, T, L, H]
    },
  };
}
