import * as tf from '@tensorflow/tfjs';
import type { Direction } from '../geometry';

/**
 * Presents the code grid from each direction as a top-down task: time runs along the prediction
 * direction, lanes across it. Must agree with geometry.viewToGrid (tested).
 */
export function directionViews(zGrid: tf.Tensor4D, directions: readonly Direction[]): tf.Tensor5D {
  const views = directions.map((direction) => directionView(zGrid, direction)); // Ndir × [B, T, L, D]
  return tf.stack(views) as tf.Tensor5D; // [Ndir, B, T, L, D]
}

function directionView(zGrid: tf.Tensor4D, direction: Direction): tf.Tensor4D {
  switch (direction) {
    case 'down':
      return zGrid; // time = row, lane = col
    case 'up':
      return tf.reverse(zGrid, 1); // time = G−1−row
    case 'right':
      return tf.transpose(zGrid, [0, 2, 1, 3]); // time = col, lane = row
    case 'left':
      return tf.reverse(tf.transpose(zGrid, [0, 2, 1, 3]), 1); // time = G−1−col
  }
}
