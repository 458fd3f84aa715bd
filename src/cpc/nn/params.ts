import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../random';

/**
 * Owns every variable of a model under a unique, stable name (checkpoints and exports key on it).
 * Initial values come from the seeded Rng on the JS side, so they are identical on every backend.
 */
export interface ParamOptions {
  /** Decoupled weight decay applies (weight matrices); false for biases and norm gains. */
  decay: boolean;
  /** Updated by the optimizer (false for batch-norm running statistics). */
  trainable: boolean;
}

export type Initializer = (shape: number[], rng: Rng) => Float32Array;

let nextStoreId = 0;

export class ParamStore {
  private readonly entries = new Map<string, { variable: tf.Variable; options: ParamOptions }>();
  /** tfjs variable names are global to the engine: prefix ours so several models can coexist. */
  readonly prefix = `m${nextStoreId++}`;
  /** Updates computed in a training pass (batch-norm statistics), held until the step is accepted. */
  private deferred: { variable: tf.Variable; value: tf.Tensor }[] = [];

  constructor(private readonly rng: Rng) {}

  add(name: string, shape: number[], init: Initializer, options: Partial<ParamOptions> = {}): tf.Variable {
    if (this.entries.has(name)) throw new Error(`Duplicate parameter name: ${name}`);
    const values = init(shape, this.rng);
    const trainable = options.trainable ?? true;
    const variable = ownedVariable(tf.tensor(values, shape, 'float32'), trainable, `${this.prefix}/${name}`);
    this.entries.set(name, { variable, options: { decay: options.decay ?? false, trainable } });
    return variable;
  }

  /** A view that prefixes names, so blocks can name their own weights ('enc/conv0/w'). */
  scope(prefix: string): ParamScope {
    return new ParamScope(this, prefix);
  }

  get(name: string): tf.Variable {
    const entry = this.entries.get(name);
    if (!entry) throw new Error(`Unknown parameter: ${name}`);
    return entry.variable;
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  trainable(): tf.Variable[] {
    return [...this.entries.values()].filter((e) => e.options.trainable).map((e) => e.variable);
  }

  all(): { name: string; variable: tf.Variable; options: ParamOptions }[] {
    return [...this.entries].map(([name, e]) => ({ name, variable: e.variable, options: e.options }));
  }

  decays(name: string): boolean {
    return this.entries.get(name)?.options.decay ?? false;
  }

  /**
   * Holds a new value for a non-trainable variable until `commitDeferred` learns whether the step that
   * computed it was accepted: a NaN step must not poison batch-norm statistics.
   */
  deferAssign(variable: tf.Variable, value: tf.Tensor): void {
    this.deferred.push({ variable, value: tf.keep(value) });
  }

  /** Applies the held updates where `accept` is true (a boolean scalar), keeps the old values elsewhere. */
  commitDeferred(accept: tf.Scalar): void {
    const pending = this.takeDeferred();
    for (const { variable, value } of pending) {
      tf.tidy(() => variable.assign(tf.where(tf.broadcastTo(accept, variable.shape), value, variable)));
    }
    tf.dispose(pending.map((p) => p.value));
  }

  /** Drops held updates (a forward pass in training mode that is not a training step, e.g. warm-up). */
  discardDeferred(): void {
    tf.dispose(this.takeDeferred().map((p) => p.value));
  }

  /** Hands the held updates to the caller, who disposes their values. */
  takeDeferred(): { variable: tf.Variable; value: tf.Tensor }[] {
    const pending = this.deferred;
    this.deferred = [];
    return pending;
  }

  count(): number {
    return [...this.entries.values()].reduce((n, e) => n + (e.options.trainable ? e.variable.size : 0), 0);
  }

  dispose(): void {
    this.discardDeferred();
    for (const e of this.entries.values()) e.variable.dispose();
    this.entries.clear();
  }
}

export class ParamScope {
  constructor(
    private readonly store: ParamStore,
    private readonly prefix: string,
  ) {}

  add(name: string, shape: number[], init: Initializer, options?: Partial<ParamOptions>): tf.Variable {
    return this.store.add(`${this.prefix}/${name}`, shape, init, options);
  }

  scope(prefix: string): ParamScope {
    return new ParamScope(this.store, `${this.prefix}/${prefix}`);
  }

  deferAssign(variable: tf.Variable, value: tf.Tensor): void {
    this.store.deferAssign(variable, value);
  }
}

/** tf.variable shares the initial tensor's data but does not take ownership: release our handle. */
export function ownedVariable(initial: tf.Tensor, trainable: boolean, name: string): tf.Variable {
  const variable = tf.variable(initial, trainable, name);
  initial.dispose();
  return variable;
}

const product = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

export const zeros: Initializer = (shape) => new Float32Array(product(shape));
export const ones: Initializer = (shape) => new Float32Array(product(shape)).fill(1);

/** He-normal for layers followed by (leaky) ReLU; fanIn = all but the last dimension. */
export const heNormal: Initializer = (shape, rng) => normalInit(shape, rng, Math.sqrt(2 / fanIn(shape)));

/** Glorot-uniform for linear maps (predictors, projections). */
export const glorotUniform: Initializer = (shape, rng) => {
  const limit = Math.sqrt(6 / (fanIn(shape) + shape[shape.length - 1]));
  const out = new Float32Array(product(shape));
  for (let i = 0; i < out.length; i++) out[i] = rng.uniform(-limit, limit);
  return out;
};

/** Recurrent weights: variance 1/fan-in keeps the hidden state's scale steady over time. */
export const recurrentNormal: Initializer = (shape, rng) =>
  normalInit(shape, rng, 1 / Math.sqrt(shape[shape.length - 2]));

function fanIn(shape: number[]): number {
  return product(shape.slice(0, -1));
}

/** Initialises a stack [n, ...shape] (one weight per direction) as n independent draws of `init`. */
export function stacked(init: Initializer): Initializer {
  return (shape, rng) => {
    const [n, ...inner] = shape;
    const size = product(inner);
    const out = new Float32Array(n * size);
    for (let i = 0; i < n; i++) out.set(init(inner, rng), i * size);
    return out;
  };
}

function normalInit(shape: number[], rng: Rng, std: number): Float32Array {
  const out = new Float32Array(product(shape));
  for (let i = 0; i < out.length; i++) out[i] = rng.normal() * std;
  return out;
}
