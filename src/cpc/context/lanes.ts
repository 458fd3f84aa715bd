import * as tf from '@tensorflow/tfjs';
import { matMul } from '../ops/matMul';

/** [Ndir, B, T, L, D] → [Ndir, B·L, T, D]: one sequence per lane, for recurrent models. */
export function lanesToSequences(z: tf.Tensor5D): tf.Tensor4D {
  const [ndir, b, t, l, d] = z.shape;
  const perLane = tf.transpose(z, [0, 1, 3, 2, 4]); // [Ndir, B, L, T, D]
  return tf.reshape(perLane, [ndir, b * l, t, d]); // [Ndir, S, T, D]
}

/** Inverse of lanesToSequences for the outputs: [Ndir, B·L, T, H] → [Ndir, B, T, L, H]. */
export function sequencesToLanes(c: tf.Tensor4D, batch: number, lanes: number): tf.Tensor5D {
  const [ndir, , t, h] = c.shape;
  const perLane = tf.reshape(c, [ndir, batch, lanes, t, h]); // [Ndir, B, L, T, H]
  return tf.transpose(perLane, [0, 1, 3, 2, 4]) as tf.Tensor5D; // [Ndir, B, T, L, H]
}

/** Projects every time step at once: [Ndir, S, T, D] @ [Ndir, D, G] + b → [Ndir, S, T, G]. */
export function projectAll(x: tf.Tensor4D, w: tf.Tensor3D, b: tf.Tensor): tf.Tensor4D {
  const [ndir, s, t, d] = x.shape;
  const flat = tf.reshape(x, [ndir, s * t, d]); // [Ndir, S·T, D]
  const proj = tf.add(matMul(flat, w), b); // [Ndir, S·T, G]
  return tf.reshape(proj, [ndir, s, t, w.shape[2]]); // [Ndir, S, T, G]
}

/** projectAll, one tensor per time step: T × [Ndir, S, G]. */
export function projectInputs(x: tf.Tensor4D, w: tf.Tensor3D, b: tf.Tensor): tf.Tensor3D[] {
  const all = projectAll(x, w, b); // [Ndir, S, T, G]
  // tfjs' Unpack gradient fails on a single piece (the tape hands it one tensor, not a list).
  if (all.shape[2] === 1) return [tf.squeeze(all, [2]) as tf.Tensor3D];
  return tf.unstack(all, 2) as tf.Tensor3D[];
}
