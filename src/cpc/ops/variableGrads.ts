import * as tf from '@tensorflow/tfjs';

/** A node of tfjs' gradient tape, as far as this module reads and writes it (tfjs-core's TapeNode). */
interface TapeNode {
  outputs: tf.Tensor[];
  /** What the forward pass kept for this node's gradient (its own copies). */
  saved?: tf.Tensor[];
  gradient?: (dys: (tf.Tensor | null)[]) => Record<string, () => tf.Tensor>;
}

/**
 * tf.variableGrads whose backward pass frees what each node needed once the node is done. tfjs walks
 * the tape from the loss back and keeps every node's output gradient (dy), and every tensor the forward
 * pass saved for it, until the whole backward pass ends, yet only that node reads them. At a 64 px
 * colour batch of the default preset the first layers' dys ([784, 8, 8, 64], 12 MB each) were alive
 * together at the step's memory peak. Here they are disposed when the next node's gradient starts: by
 * then tfjs has called every input-gradient function of the node before. The arithmetic is the same,
 * kernel for kernel. (ops/customGrad.ts already frees what our own gradients save.)
 *
 * A gradient function may return its dy as an input's gradient, or one tensor for two inputs; such a
 * tensor is kept for as many holders as it has. Call inside tf.tidy, as tf.variableGrads.
 */
export function variableGrads(
  f: () => tf.Scalar,
  varList: tf.Variable[],
): { value: tf.Scalar; grads: tf.NamedTensorMap } {
  return tf.variableGrads(() => {
    const y = f();
    releaseGradientsAsUsed(activeTape(), new Set(varList.map((v) => v.id)));
    return y;
  }, varList);
}

/** The tape being recorded: tfjs' engine state while tf.variableGrads runs f. */
function activeTape(): TapeNode[] {
  const state = (tf.engine() as unknown as { state: { activeTape: TapeNode[] | null } }).state;
  if (!state.activeTape) throw new Error('variableGrads: no gradient tape is being recorded.');
  return state.activeTape;
}

/**
 * Wraps each node's gradient so that, when it is called, the dys and saved tensors of the node called
 * before it are released (tfjs calls them in reverse tape order, each once, and calls all of a node's
 * input-gradient functions before the next node's gradient). `answers`: ids of the tensors whose
 * gradients are the result; a node producing one keeps its dys.
 */
function releaseGradientsAsUsed(tape: TapeNode[], answers: Set<number>): void {
  // How many of tfjs' gradient entries hold each tensor, as far as this can tell: one for a dy tfjs made
  // itself (the seed, a sum of two gradients), one more each time a gradient function returns it. A
  // returned tensor that tfjs summed into another instead of storing is counted too, so it is kept to
  // the end, as tfjs keeps it: never disposed early.
  const holders = new Map<tf.Tensor, number>();
  let pending: tf.Tensor[] = [];
  let pendingSaved: tf.Tensor[] = [];
  const release = () => {
    tf.dispose(pendingSaved); // tfjs would dispose them after the whole backward pass
    pendingSaved = [];
    for (const dy of pending) {
      const left = (holders.get(dy) ?? 1) - 1;
      if (left > 0) holders.set(dy, left);
      else {
        holders.delete(dy);
        if (!dy.isDisposed) dy.dispose();
      }
    }
    pending = [];
  };
  for (const node of tape) {
    const gradient = node.gradient;
    if (!gradient || node.outputs.some((o) => answers.has(o.id))) continue;
    node.gradient = (dys) => {
      release();
      pending = dys.filter((dy): dy is tf.Tensor => dy !== null);
      pendingSaved = node.saved ?? [];
      for (const dy of pending) if (!holders.has(dy)) holders.set(dy, 1);
      const inputGradients = gradient(dys);
      const counted: Record<string, () => tf.Tensor> = {};
      for (const [name, inputGradient] of Object.entries(inputGradients)) {
        counted[name] = () => {
          const dx = inputGradient();
          holders.set(dx, (holders.get(dx) ?? 0) + 1);
          return dx;
        };
      }
      return counted;
    };
  }
}
