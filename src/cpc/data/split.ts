import { permutation, type Rng } from '../random';

export interface TrainTestSplit {
  /** Item indices, ascending. */
  train: Int32Array;
  /** Item indices, ascending. */
  test: Int32Array;
}

/**
 * Seeded train/test split of `count` items. With labels it is stratified: each class sends
 * round(size · testFraction) items to test, but at least one to each side when the class has two or more
 * (so every such class can be both learned and scored); a class with a single item goes to train.
 * Without labels the whole set is split the same way, as one group.
 */
export function trainTestSplit(
  count: number,
  labels: Int32Array | null,
  testFraction: number,
  rng: Rng,
): TrainTestSplit {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new RangeError(`testFraction must be in (0, 1), got ${testFraction}`);
  }
  if (labels && labels.length !== count) {
    throw new RangeError(`labels has ${labels.length} entries for ${count} items`);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const members of groupsByLabel(count, labels)) {
    const order = permutation(members.length, rng);
    const testCount =
      members.length < 2 ? 0 : clamp(Math.round(members.length * testFraction), 1, members.length - 1);
    order.forEach((position, rank) => (rank < testCount ? test : train).push(members[position]));
  }
  return { train: sortedIndices(train), test: sortedIndices(test) };
}

/** Item indices per class in ascending label order, so the rng is consumed the same way every time. */
function groupsByLabel(count: number, labels: Int32Array | null): number[][] {
  if (!labels) return [Array.from({ length: count }, (_, i) => i)];
  const groups = new Map<number, number[]>();
  labels.forEach((label, i) => {
    const members = groups.get(label);
    if (members) members.push(i);
    else groups.set(label, [i]);
  });
  return [...groups.keys()].sort((a, b) => a - b).map((label) => groups.get(label)!);
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}

function sortedIndices(indices: number[]): Int32Array {
  return Int32Array.from(indices).sort();
}
