export interface Eigenpair {
  value: number;
  /** Unit length, or all zeros when the matrix has no variance left in the remaining directions. */
  vector: Float64Array;
}

const MAX_ITERATIONS = 1000;
const TOLERANCE = 1e-10;

/**
 * Leading eigenpairs of a symmetric positive semi-definite size×size matrix (row-major) by power
 * iteration with deflation: each later vector is iterated orthogonal to the ones already found. Plain JS
 * is fast enough for the covariance sizes the playground produces (D ≤ 512).
 */
export function topEigenvectors(matrix: ArrayLike<number>, size: number, count: number): Eigenpair[] {
  const found: Eigenpair[] = [];
  for (let i = 0; i < count; i++) found.push(nextEigenpair(matrix, size, found));
  return found;
}

function nextEigenpair(matrix: ArrayLike<number>, size: number, found: Eigenpair[]): Eigenpair {
  let vector = startVector(size);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const next = multiply(matrix, size, vector);
    orthogonalise(next, found);
    if (!normalise(next)) return { value: 0, vector: new Float64Array(size) };
    const change = next.reduce((worst, x, i) => Math.max(worst, Math.abs(x - vector[i])), 0);
    vector = next;
    if (change < TOLERANCE) break;
  }
  const value = multiply(matrix, size, vector).reduce((sum, x, i) => sum + x * vector[i], 0);
  return { value, vector };
}

/**
 * A fixed start with irrational-looking, all-nonzero entries: it is deterministic yet not orthogonal to
 * the leading eigenvector except by coincidence (unlike e.g. a coordinate axis).
 */
function startVector(size: number): Float64Array {
  const vector = Float64Array.from({ length: size }, (_, i) => 1 + ((i * 0.6180339887) % 1));
  normalise(vector);
  return vector;
}

function multiply(matrix: ArrayLike<number>, size: number, vector: Float64Array): Float64Array {
  const out = new Float64Array(size);
  for (let row = 0; row < size; row++) {
    let sum = 0;
    for (let col = 0, offset = row * size; col < size; col++) sum += matrix[offset + col] * vector[col];
    out[row] = sum;
  }
  return out;
}

function orthogonalise(vector: Float64Array, against: Eigenpair[]): void {
  for (const { vector: other } of against) {
    const overlap = vector.reduce((sum, x, i) => sum + x * other[i], 0);
    for (let i = 0; i < vector.length; i++) vector[i] -= overlap * other[i];
  }
}

/** Scales to unit length in place; false when the vector is (numerically) zero. */
function normalise(vector: Float64Array): boolean {
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
  if (!(norm > 1e-30)) return false;
  for (let i = 0; i < vector.length; i++) vector[i] /= norm;
  return true;
}
