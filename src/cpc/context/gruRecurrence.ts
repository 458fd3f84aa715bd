import * as tf from '@tensorflow/tfjs';
import { swapLast } from '../ops/matMul';

/**
 * The recurrent half of a GRU over every time step, with backpropagation through time written out.
 * x: the input projections x·Wx + bx for all steps [Ndir, S, T, 3H] (gates r, u, n along the last
 * axis); wh [Ndir, H, 3H], bh [Ndir, 1, 3H]. Returns every hidden state [Ndir, S, T, H], from h_0 = 0:
 *   r, u = σ(x_r + h·Wh_r + bh_r), σ(x_u + h·Wh_u + bh_u);  n = tanh(x_n + r ⊙ (h·Wh_n + bh_n));
 *   h' = (1 − u) ⊙ n + u ⊙ h   (PyTorch's formulation, reset after the product).
 * The backward pass is ~20 kernels per step and the weight gradient one product over all steps at the
 * end; against autodiff through the unrolled loop it took the default preset's step (6 time steps) from
 * 919 to 674 kernels (tf.profile, WASM).
 */
export function gruRecurrence(x: tf.Tensor4D, wh: tf.Tensor3D, bh: tf.Tensor3D): tf.Tensor4D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [xAll, w, b] = args as [tf.Tensor4D, tf.Tensor3D, tf.Tensor3D];
    const save = args[3] as tf.GradSaveFunc;
    const [ndir, s, , gates] = xAll.shape;
    const hidden = gates / 3;
    let h: tf.Tensor3D = tf.zeros([ndir, s, hidden]); // [Ndir, S, H]
    const kept: Record<'prev' | 'r' | 'u' | 'n' | 'hn', tf.Tensor3D[]> = {
      prev: [],
      r: [],
      u: [],
      n: [],
      hn: [],
    };
    for (const xt of tf.unstack(xAll, 2) as tf.Tensor3D[]) {
      const hp = tf.add(tf.matMul(h, w), b); // [Ndir, S, 3H]
      const [xr, xu, xn] = tf.split(xt, 3, 2) as tf.Tensor3D[]; // 3 × [Ndir, S, H]
      const [hr, hu, hn] = tf.split(hp, 3, 2) as tf.Tensor3D[];
      const r = tf.sigmoid(tf.add(xr, hr)) as tf.Tensor3D;
      const u = tf.sigmoid(tf.add(xu, hu)) as tf.Tensor3D;
      const n = tf.tanh(tf.add(xn, tf.mul(r, hn))) as tf.Tensor3D;
      kept.prev.push(h);
      kept.r.push(r);
      kept.u.push(u);
      kept.n.push(n);
      kept.hn.push(hn);
      h = tf.add(n, tf.mul(u, tf.sub(h, n))) as tf.Tensor3D; // (1−u)·n + u·h
    }
    const hs = tf.stack([...kept.prev.slice(1), h], 2) as tf.Tensor4D; // [Ndir, S, T, H]
    const stacked = (list: tf.Tensor3D[]) => tf.stack(list, 2) as tf.Tensor4D; // [Ndir, S, T, H]
    save([w, stacked(kept.prev), stacked(kept.r), stacked(kept.u), stacked(kept.n), stacked(kept.hn)]);
    return {
      value: hs,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [ws, prevAll, ...lists] = saved as [tf.Tensor3D, ...tf.Tensor4D[]];
        const [prev, r, u, n, hn] = [prevAll, ...lists].map((t) => tf.unstack(t, 2) as tf.Tensor3D[]);
        const dys = tf.unstack(dy, 2) as tf.Tensor3D[]; // T × [Ndir, S, H]
        const whT = swapLast(ws); // [Ndir, 3H, H]
        const steps = dys.length;
        const dGates: tf.Tensor3D[] = new Array(steps); // ∂/∂(x + h·Wh + bh) per step, [Ndir, S, 3H]
        const dHidden: tf.Tensor3D[] = new Array(steps); // ∂/∂(h·Wh + bh) per step, [Ndir, S, 3H]
        let carry: tf.Tensor3D | null = null; // ∂L/∂h_t through the later steps
        for (let t = steps - 1; t >= 0; t--) {
          const dh: tf.Tensor3D = carry ? tf.add(dys[t], carry) : dys[t];
          const keep = tf.sub(1, u[t]); // [Ndir, S, H]
          const dn = tf.mul(dh, keep);
          const du = tf.mul(dh, tf.sub(prev[t], n[t]));
          const dan = tf.mul(dn, tf.sub(1, tf.square(n[t]))); // through tanh
          const dar = tf.mul(tf.mul(dan, hn[t]), tf.mul(r[t], tf.sub(1, r[t]))); // through r's sigmoid
          const dau = tf.mul(du, tf.mul(u[t], keep));
          dGates[t] = tf.concat([dar, dau, dan], 2) as tf.Tensor3D;
          dHidden[t] = tf.concat([dar, dau, tf.mul(dan, r[t])], 2) as tf.Tensor3D;
          if (t > 0) carry = tf.add(tf.mul(dh, u[t]), tf.matMul(dHidden[t], whT)) as tf.Tensor3D;
        }
        const [nd, s, , h] = dy.shape;
        const dx = tf.stack(dGates, 2); // [Ndir, S, T, 3H]
        const dhp = tf.reshape(tf.stack(dHidden, 2), [nd, s * steps, 3 * h]); // [Ndir, S·T, 3H]
        const hPrev = tf.reshape(prevAll, [nd, s * steps, h]); // [Ndir, S·T, H]
        const dw = tf.matMul(swapLast(hPrev), dhp); // [Ndir, H, 3H]
        const db = tf.sum(dhp, 1, true); // [Ndir, 1, 3H]
        return [dx, dw, db];
      },
    };
  });
  return op(x, wh, bh) as tf.Tensor4D;
}
