import { describe, expect, it } from 'vitest';
import { classSamples } from './classSamples';

describe('classSamples', () => {
  it('takes the first images of each class in class order and skips empty classes', () => {
    const labels = new Int32Array([2, 0, 2, 0, 2, 0, 2]);
    const groups = classSamples({ count: 7, labels, classNames: ['a', 'b', 'c'] }, 2);
    expect(groups).toEqual([
      { title: 'a', indices: [1, 3] },
      { title: 'c', indices: [0, 2] },
    ]);
  });

  it('makes one group of an unlabelled set', () => {
    expect(classSamples({ count: 5, labels: null, classNames: [] }, 3)).toEqual([
      { title: 'Samples', indices: [0, 1, 2] },
    ]);
  });
});
