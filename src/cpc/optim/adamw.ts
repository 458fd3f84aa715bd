import * as tf from '@tensorflow/tfjs';
import { ownedVariable, type ParamStore } from '../nn/params';
import type { StateEntry } from '../checkpoint/variables';

/** Explicit epsilon: on WebGL tfjs' default (derived from float precision) becomes 1e-4 and stalls Adam. */
export const ADAM_EPSILON = 1e-7;
const BETA1 = 0.9;
const BETA2 = 0.999;

export interface UpdateHyper {
  learningRate: tf.Scalar;
  weightDecay: number;
}

interface Slot {
  name: string;
  variable: tf.Variable;
  /** Where the slot's values sit in the flat buffers. */
  offset: number;
  size: number;
}

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter), written out so that the learning rate is an
 * input of every step (no rebuild to change it) and so that a step can be vetoed on the device: when
 * `accept` is false every variable, both moments and the step count keep their old values, without a
 * read-back to the CPU in the middle of the step.
 *
 * The update runs over one flat buffer of all trainable values: the moments live flat, gradients and
 * weights are concatenated once, the arithmetic is a fixed 30 kernels whatever the model (optim.test.ts),
 * and only the new weights are split back; per weight matrix there remain 2 zero-copy reshapes (none for a 1-D bias or gain). Written
 * per tensor, the update and clipping took the default preset's step to 1,549 kernels; flat, 1,060.
 */
export class AdamW {
  /** Applied steps, on the device (bias correction needs it and it only counts accepted steps). */
  readonly count: tf.Variable;
  /** [n] first and second moments of every trainable value, in slot order. */
  private readonly m: tf.Variable;
  private readonly v: tf.Variable;
  /** [n] 1 where decoupled weight decay applies (weight matrices), 0 for biases and norm gains. */
  private readonly decayMask: tf.Tensor1D;
  private readonly slots: Slot[];
  /** The flat weights of the last update, with the data each variable was given from it. */
  private lastFlat: { flat: tf.Tensor1D; pieces: object[] } | null = null;
  /** A tf.where condition per set of slots that got no gradient (rare: an unused weight), keyed by names. */
  private readonly partialMasks = new Map<string, tf.Tensor1D>();

  constructor(params: ParamStore) {
    let offset = 0;
    const trainable = params.all().filter((p) => p.options.trainable);
    this.slots = trainable.map((p) => {
      const slot = { name: p.name, variable: p.variable, offset, size: p.variable.size };
      offset += p.variable.size;
      return slot;
    });
    const mask = new Float32Array(offset);
    trainable.forEach((p, i) => {
      if (p.options.decay) mask.fill(1, this.slots[i].offset, this.slots[i].offset + this.slots[i].size);
    });
    this.count = ownedVariable(tf.scalar(0), false, `${params.prefix}/optimizer/count`);
    this.m = ownedVariable(tf.zeros([offset]), false, `${params.prefix}/optimizer/m`);
    this.v = ownedVariable(tf.zeros([offset]), false, `${params.prefix}/optimizer/v`);
    this.decayMask = tf.keep(tf.tensor1d(mask));
    // Held from the start, so that the optimizer's tensor count does not change with its first step.
    this.remember(tf.tidy(() => this.flatWeights()));
  }

  /** Number of trainable values (the length of the flat buffers). */
  get size(): number {
    return this.m.size;
  }

  /**
   * Gradients by variable name (as tf.variableGrads returns them) as one flat [n] tensor in slot order;
   * a variable without a gradient contributes zeros (and `apply` then leaves it alone). Call inside tf.tidy.
   */
  flatten(grads: tf.NamedTensorMap): tf.Tensor1D {
    const parts = this.slots.map((s) => {
      const g = grads[s.variable.name];
      return g ? flat(g) : tf.zeros([s.size]);
    });
    return (parts.length === 1 ? parts[0] : tf.concat(parts)) as tf.Tensor1D;
  }

  /** grads: by variable name (as tf.variableGrads returns them). Call inside tf.tidy. */
  apply(grads: tf.NamedTensorMap, hyper: UpdateHyper, accept: tf.Scalar): void {
    this.applyFlat(this.flatten(grads), hyper, accept, this.missing(grads));
  }

  /**
   * One step from the flat gradient `g` [n] (see `flatten`). `missing`: names of slots that had no
   * gradient, which keep their weights and moments as they are. Call inside tf.tidy.
   */
  applyFlat(g: tf.Tensor1D, hyper: UpdateHyper, accept: tf.Scalar, missing: string[] = []): void {
    const t = tf.add(this.count, tf.cast(accept, 'float32')); // scalar
    const correction1 = tf.sub(1, tf.pow(BETA1, t));
    const correction2 = tf.sub(1, tf.pow(BETA2, t));
    const w = this.flatWeights(); // [n]
    const m = tf.add(tf.mul(this.m, BETA1), tf.mul(g, 1 - BETA1));
    const v = tf.add(tf.mul(this.v, BETA2), tf.mul(tf.square(g), 1 - BETA2));
    const adam = tf.div(tf.div(m, correction1), tf.add(tf.sqrt(tf.div(v, correction2)), ADAM_EPSILON));
    const decay = hyper.weightDecay > 0 ? tf.mul(w, tf.mul(this.decayMask, hyper.weightDecay)) : null;
    const direction = decay ? tf.add(adam, decay) : adam;
    const next = tf.sub(w, tf.mul(direction, hyper.learningRate)); // [n]
    // Select needs the condition at full shape: one Tile, shared by the three buffers.
    let condition: tf.Tensor = tf.broadcastTo(accept, [this.size]);
    if (missing.length > 0) condition = tf.logicalAnd(condition, this.partialMask(missing));
    this.m.assign(select(condition, m, this.m));
    this.v.assign(select(condition, v, this.v));
    const kept = select(condition, next, w);
    const pieces =
      this.slots.length === 1
        ? [kept]
        : tf.split(
            kept,
            this.slots.map((s) => s.size),
          );
    this.slots.forEach((s, i) =>
      s.variable.assign(s.variable.rank === 1 ? pieces[i] : tf.reshape(pieces[i], s.variable.shape)),
    );
    this.count.assign(t as tf.Scalar);
    this.remember(kept as tf.Tensor1D);
  }

  /** Names of trainable slots `grads` has nothing for. */
  missing(grads: tf.NamedTensorMap): string[] {
    return this.slots.filter((s) => !grads[s.variable.name]).map((s) => s.name);
  }

  /**
   * Optimizer state under stable names (no model prefix), one entry per weight as checkpoints have
   * always stored it: `optimizer/count`, `optimizer/m/<weight>`, `optimizer/v/<weight>`.
   */
  stateEntries(): StateEntry[] {
    const count: StateEntry = {
      name: 'optimizer/count',
      shape: [],
      read: async () => (await this.count.data()) as Float32Array,
      write: (values) => tf.tidy(() => this.count.assign(tf.scalar(values[0]))),
    };
    const flat = (buffer: tf.Variable, label: string) => {
      let snapshot: Promise<Float32Array> | null = null; // one read-back per buffer, shared by its slots
      return this.slots.map((s): StateEntry => ({
        name: `optimizer/${label}/${s.name}`,
        shape: s.variable.shape,
        read: async () => {
          snapshot ??= buffer.data() as Promise<Float32Array>;
          return (await snapshot).slice(s.offset, s.offset + s.size);
        },
        write: (values) =>
          tf.tidy(() => {
            const before = tf.slice(buffer, 0, s.offset);
            const after = tf.slice(buffer, s.offset + s.size);
            buffer.assign(tf.concat([before, tf.tensor1d(values), after]));
          }),
      }));
    };
    const m = flat(this.m, 'm');
    const v = flat(this.v, 'v');
    return [count, ...this.slots.flatMap((_, i) => [m[i], v[i]])];
  }

  dispose(): void {
    this.remember(null);
    tf.dispose([this.count, this.m, this.v, this.decayMask, ...this.partialMasks.values()]);
    this.partialMasks.clear();
  }

  /**
   * [n] the trainable weights, concatenated in slot order. The buffer the last update split them from
   * is reused while every variable still holds its piece of it (saves a reshape per weight and a concat
   * per step); anything that assigned a variable since (a checkpoint, a re-init) makes it concatenate.
   */
  private flatWeights(): tf.Tensor1D {
    const last = this.lastFlat;
    if (last && this.slots.every((s, i) => s.variable.dataId === last.pieces[i])) return last.flat;
    // One slot: a view, never the variable itself (the kept buffer is disposed when replaced).
    if (this.slots.length === 1) return tf.reshape(this.slots[0].variable, [this.size]);
    return tf.concat(this.slots.map((s) => flat(s.variable))) as tf.Tensor1D;
  }

  /** Keeps `flat` (just split into the variables) past the step's tidy, for the next flatWeights. */
  private remember(flat: tf.Tensor1D | null): void {
    if (this.lastFlat && this.lastFlat.flat !== flat) this.lastFlat.flat.dispose();
    this.lastFlat = flat ? { flat: tf.keep(flat), pieces: this.slots.map((s) => s.variable.dataId) } : null;
  }

  /** [n] bool, false over the slots named. Built once per distinct set, outside any tidy. */
  private partialMask(missing: string[]): tf.Tensor1D {
    const key = missing.join('\n');
    let mask = this.partialMasks.get(key);
    if (!mask) {
      const values = new Uint8Array(this.size).fill(1);
      for (const s of this.slots) if (missing.includes(s.name)) values.fill(0, s.offset, s.offset + s.size);
      mask = tf.keep(tf.tensor1d(values, 'bool'));
      this.partialMasks.set(key, mask);
    }
    return mask;
  }
}

/** tf.where without its broadcasts: at equal shapes each is an Identity kernel (3 per call). */
function select(condition: tf.Tensor, a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.engine().runKernel(tf.Select, { condition, t: a, e: b }) as tf.Tensor;
}

/** [size] view of `t`: a Reshape kernel only where `t` is not 1-D already (biases and gains are). */
function flat(t: tf.Tensor): tf.Tensor1D {
  return (t.rank === 1 ? t : tf.reshape(t, [t.size])) as tf.Tensor1D;
}
