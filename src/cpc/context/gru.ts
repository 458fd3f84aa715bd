import * as tf from '@tensorflow/tfjs';
import type { ParamScope } from '../nn/params';
import { glorotUniform, recurrentNormal, stacked, zeros } from '../nn/params';
import { gruRecurrence } from './gruRecurrence';
import { lanesToSequences, projectAll, sequencesToLanes } from './lanes';
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
  const bh = scope.add('bh', [ndir, 1, 3 * hidden], zeros) as tf.Variable<tf.Rank.R3>;
  return {
    hiddenSize: hidden,
    run: (z) => {
      const [, batch, , lanes] = z.shape;
      const xs = projectAll(lanesToSequences(z), wx, bx); // [Ndir, S, T, 3H]
      const hs = gruRecurrence(xs, wh, bh); // [Ndir, S, T, H]
      return sequencesToLanes(hs, batch, lanes); // [Ndir, B, T, L, H]
    },
  };
}
