import * as tf from '@tensorflow/tfjs';
import { ownedVariable, type ParamStore } from '../nn/params';

/** Explicit epsilon: on WebGL tfjs' default (derived from float precision) becomes 1e-4 and stalls Adam. */
export const ADAM_EPSILON = 1e-7;
const BETA1 = 0.9;
const BETA2 = 0.999;

export interface UpdateHyper {
  learningRate: tf.Scalar;
  weightDecay: number;
}

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter), written out so that the learning rate is an
 * input of every step (no rebuild to change it) and so that a step can be vetoed on the device: when
 * `accept` is false every variable, both moments and the step count keep their old values, without a
 * read-back to the CPU in the middle of the step.
 */
export class AdamW {
  /** Applied steps, on the device (bias correction needs it and it only counts accepted steps). */
  readonly count: tf.Variable;
  private readonly slots: {
    name: string;
    variable: tf.Variable;
    m: tf.Variable;
    v: tf.Variable;
    decay: boolean;
  }[];

  constructor(params: ParamStore) {
    this.count = ownedVariable(tf.scalar(0), false, `${params.prefix}/optimizer/count`);
    this.slots = params
      .all()
      .filter((p) => p.options.trainable)
      .map((p) => ({
        name: p.name,
        variable: p.variable,
        m: ownedVariable(tf.zerosLike(p.variable), false, `${params.prefix}/optimizer/m/${p.name}`),
        v: ownedVariable(tf.zerosLike(p.variable), false, `${params.prefix}/optimizer/v/${p.name}`),
        decay: p.options.decay,
      }));
  }

  /** grads: by variable name (as tf.variableGrads returns them). Call inside tf.tidy. */
  apply(grads: tf.NamedTensorMap, hyper: UpdateHyper, accept: tf.Scalar): void {
    const t = tf.add(this.count, tf.cast(accept, 'float32')); // scalar
    const correction1 = tf.sub(1, tf.pow(BETA1, t));
    const correction2 = tf.sub(1, tf.pow(BETA2, t));
    // tf.where needs the condition at full shape; broadcasting it (a Tile) once per shape, not per use.
    const acceptAt = new Map<string, tf.Tensor>();
    const keep = (next: tf.Tensor, old: tf.Tensor) => {
      const key = old.shape.join('x');
      let condition = acceptAt.get(key);
      if (!condition) acceptAt.set(key, (condition = tf.broadcastTo(accept, old.shape)));
      return tf.where(condition, next, old);
    };
    for (const slot of this.slots) {
      const g = grads[slot.variable.name];
      if (!g) continue;
      const m = tf.add(tf.mul(slot.m, BETA1), tf.mul(g, 1 - BETA1));
      const v = tf.add(tf.mul(slot.v, BETA2), tf.mul(tf.square(g), 1 - BETA2));
      const adam = tf.div(tf.div(m, correction1), tf.add(tf.sqrt(tf.div(v, correction2)), ADAM_EPSILON));
      const direction = slot.decay ? tf.add(adam, tf.mul(slot.variable, hyper.weightDecay)) : adam;
      const next = tf.sub(slot.variable, tf.mul(direction, hyper.learningRate));
      slot.variable.assign(keep(next, slot.variable));
      slot.m.assign(keep(m, slot.m));
      slot.v.assign(keep(v, slot.v));
    }
    this.count.assign(t as tf.Scalar);
  }

  /** Optimizer state under stable names (no model prefix), for checkpoints. */
  stateVariables(): { name: string; variable: tf.Variable }[] {
    return [
      { name: 'optimizer/count', variable: this.count },
      ...this.slots.flatMap((s) => [
        { name: `optimizer/m/${s.name}`, variable: s.m },
        { name: `optimizer/v/${s.name}`, variable: s.v },
      ]),
    ];
  }

  dispose(): void {
    this.count.dispose();
    for (const s of this.slots) {
      s.m.dispose();
      s.v.dispose();
    }
  }
}
