import type { ImageSet } from '../../cpc/data/imageSet';

export interface ClassSample {
  title: string;
  /** The first images of the class, in set order. */
  indices: number[];
}

/** Up to `perClass` images of each class present, in class order (one group for an unlabelled set). */
export function classSamples(
  set: Pick<ImageSet, 'count' | 'labels' | 'classNames'>,
  perClass: number,
): ClassSample[] {
  const groups: ClassSample[] = set.labels
    ? set.classNames.map((title) => ({ title, indices: [] }))
    : [{ title: 'Samples', indices: [] }];
  for (let i = 0; i < set.count; i++) {
    const group = groups[set.labels ? set.labels[i] : 0];
    if (group && group.indices.length < perClass) group.indices.push(i);
  }
  return groups.filter((group) => group.indices.length > 0);
}
