import * as tf from '@tensorflow/tfjs';
import { customGrad } from '../ops/customGrad';
import { swapLast } from '../ops/matMul';

/**
 * The recurrent half of a GRU over every time step, with backpropagation through time written out.
 * x: the input projections x·Wx + bx for all steps [Ndir, S, T, 3H] (gates r, u, n along the last
 * axis); wh [Ndir, H, 3H], bh [Ndir, 1, 3H]. Returns every hidden state [Ndir, S, T, H], from h_0 = 0:
 *   r, u = σ(x_r + h·Wh_r + bh_r), σ(x_u + h·Wh_u + bh_u);  n = tanh(x_n + r ⊙ (h·Wh_n + bh_n));
 *   h' = (1 − u) ⊙ n + u ⊙ h   (PyTorch's formulation, reset after the product).
 *
 * Kernel count is what sets GPU speed (issue 12), so the sequential part is kept short. Forward: r and u
 * share one sigmoid, their biases are added to x once for all steps, and step 1 (h_0 = 0) skips the
 * product: 12 kernels a step. Backward: every factor that does not depend on the incoming gradient
 * (the gates' derivatives) is computed for all steps at once, so a step only carries ∂L/∂h back:
 *   ∂h' = ∂L/∂h_t;  ∂(h·Wh + bh) = [∂h', ∂h', ∂h'] ⊙ Q_h[t];  ∂h_{t−1} = ∂h' ⊙ u + ∂(h·Wh + bh)·Whᵀ
 * (6 kernels a step), and the gradients of x, Wh and bh are products over all steps at the end.
 */
export function gruRecurrence(x: tf.Tensor4D, wh: tf.Tensor3D, bh: tf.Tensor3D): tf.Tensor4D {
  const op = customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xAll, w, b] = args as [tf.Tensor4D, tf.Tensor3D, tf.Tensor3D];
    const save = args[3] as tf.GradSaveFunc;
    const { hs, kept } = gruForward(xAll, w, b);
    save([w, ...kept]);
    return {
      value: hs,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => gruBackward(dy as tf.Tensor4D, saved as GruSaved),
    };
  });
  return op(x, wh, bh) as tf.Tensor4D;
}

/** What the backward pass reads: Wh, then h_{t−1}, r, u, n and h·Wh_n + bh_n of every step [Ndir, S, T, H]. */
type GruSaved = [tf.Tensor3D, tf.Tensor4D, tf.Tensor4D, tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];

/** Every step forward from h_0 = 0: the hidden states, and the gates the backward pass needs, stacked. */
function gruForward(
  xAll: tf.Tensor4D,
  w: tf.Tensor3D,
  b: tf.Tensor3D,
): { hs: tf.Tensor4D; kept: tf.Tensor4D[] } {
  const [ndir, s, steps, gates] = xAll.shape;
  const hidden = gates / 3;
  const [bru, bn] = tf.split(b, [2 * hidden, hidden], 2) as tf.Tensor3D[]; // [Ndir, 1, 2H], [Ndir, 1, H]
  const [xru, xn] = tf.split(xAll, [2 * hidden, hidden], 3) as tf.Tensor4D[]; // [Ndir, S, T, 2H | H]
  const xruSteps = tf.unstack(tf.add(xru, tf.expandDims(bru, 2)), 2) as tf.Tensor3D[]; // T × [Ndir, S, 2H]
  const xnSteps = tf.unstack(xn, 2) as tf.Tensor3D[]; // T × [Ndir, S, H]
  const kept: Record<'prev' | 'r' | 'u' | 'n' | 'hn', tf.Tensor3D[]> = {
    prev: [],
    r: [],
    u: [],
    n: [],
    hn: [],
  };
  let h: tf.Tensor3D = tf.zeros([ndir, s, hidden]); // [Ndir, S, H]
  for (let t = 0; t < steps; t++) {
    let ru: tf.Tensor3D; // [Ndir, S, 2H] before the sigmoid
    let hn: tf.Tensor3D; // [Ndir, S, H] h·Wh_n + bh_n
    if (t === 0) {
      ru = xruSteps[0]; // h_0 = 0: no product
      hn = tf.broadcastTo(bn, [ndir, s, hidden]);
    } else {
      const [hru, hnw] = tf.split(tf.matMul(h, w), [2 * hidden, hidden], 2) as tf.Tensor3D[];
      ru = tf.add(xruSteps[t], hru);
      hn = tf.add(hnw, bn);
    }
    const [r, u] = tf.split(tf.sigmoid(ru), 2, 2) as tf.Tensor3D[]; // 2 × [Ndir, S, H]
    const n = tf.tanh(tf.add(xnSteps[t], tf.mul(r, hn))) as tf.Tensor3D;
    kept.prev.push(h);
    kept.r.push(r);
    kept.u.push(u);
    kept.n.push(n);
    kept.hn.push(hn);
    h = tf.add(n, tf.mul(u, tf.sub(h, n))) as tf.Tensor3D; // (1−u)·n + u·h
  }
  const hs = tf.stack([...kept.prev.slice(1), h], 2) as tf.Tensor4D; // [Ndir, S, T, H]
  const stacked = (list: tf.Tensor3D[]) => tf.stack(list, 2) as tf.Tensor4D; // [Ndir, S, T, H]
  return { hs, kept: [kept.prev, kept.r, kept.u, kept.n, kept.hn].map(stacked) };
}

/** ∂L/∂x, ∂L/∂Wh and ∂L/∂bh from ∂L/∂(every hidden state) [Ndir, S, T, H]. */
function gruBackward(dy: tf.Tensor4D, saved: GruSaved): tf.Tensor[] {
  const [ws, prev, r, u, n, hn] = saved;
  const [nd, sl, , hd] = dy.shape;
  // ∂L/∂(pre-activation) = ∂h' ⊙ P for each gate, all steps at once [Ndir, S, T, H]:
  const keep = tf.sub(1, u); // 1 − u
  const pn = tf.mul(keep, tf.sub(1, tf.square(n))); // through n's tanh
  const pu = tf.mul(tf.sub(prev, n), tf.mul(u, keep)); // through u's sigmoid
  const pr = tf.mul(tf.mul(pn, hn), tf.mul(r, tf.sub(1, r))); // through r's sigmoid
  const qHidden = tf.concat([pr, pu, tf.mul(pn, r)], 3); // [Ndir, S, T, 3H] for h·Wh + bh
  const qInput = tf.concat([pr, pu, pn], 3); // [Ndir, S, T, 3H] for x
  const qSteps = tf.unstack(qHidden, 2) as tf.Tensor3D[]; // T × [Ndir, S, 3H]
  const uSteps = tf.unstack(u, 2) as tf.Tensor3D[];
  const dys = tf.unstack(dy, 2) as tf.Tensor3D[]; // T × [Ndir, S, H]
  const whT = swapLast(ws); // [Ndir, 3H, H]
  const steps = dys.length;
  const dHs: tf.Tensor3D[] = new Array(steps); // ∂L/∂h_t, all paths
  let carry: tf.Tensor3D | null = null; // ∂L/∂h_t through the later steps
  for (let t = steps - 1; t >= 0; t--) {
    const dh: tf.Tensor3D = carry ? tf.add(dys[t], carry) : dys[t];
    dHs[t] = dh;
    if (t === 0) break;
    const dGate = tf.mul(tf.concat([dh, dh, dh], 2), qSteps[t]); // [Ndir, S, 3H]
    carry = tf.add(tf.mul(dh, uSteps[t]), tf.matMul(dGate, whT)) as tf.Tensor3D;
  }
  const dH = tf.stack(dHs, 2); // [Ndir, S, T, H]
  const dH3 = tf.concat([dH, dH, dH], 3); // [Ndir, S, T, 3H]
  const dx = tf.mul(dH3, qInput); // [Ndir, S, T, 3H]
  const dhp = tf.reshape(tf.mul(dH3, qHidden), [nd, sl * steps, 3 * hd]); // [Ndir, S·T, 3H]
  const hPrev = tf.reshape(prev, [nd, sl * steps, hd]); // [Ndir, S·T, H]
  const dw = tf.matMul(swapLast(hPrev), dhp); // [Ndir, H, 3H]
  const db = tf.sum(dhp, 1, true); // [Ndir, 1, 3H]
  return [dx, dw, db];
}
