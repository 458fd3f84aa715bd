/**
 * Deterministic class-balanced subsets: the built-in sets take the first items of each class in the
 * source's own order, so rebuilding them gives the same files byte for byte.
 */
export function firstPerClass(labels: ArrayLike<number>, classes: number, perClass: number): Int32Array {
  const picked: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) {
    const bucket = picked[labels[i]];
    if (!bucket) throw new Error(`Label ${labels[i]} at index ${i} is outside 0..${classes - 1}.`);
    if (bucket.length < perClass) bucket.push(i);
  }
  const short = picked.findIndex((bucket) => bucket.length < perClass);
  if (short >= 0)
    throw new Error(`Class ${short} has ${picked[short].length} items, fewer than ${perClass}.`);
  return Int32Array.from(picked.flat());
}
