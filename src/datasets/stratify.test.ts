import { describe, it, expect } from 'vitest';
import { firstPerClass } from './stratify';

describe('firstPerClass', () => {
  it('takes the first items of each class in source order, grouped by class', () => {
    const labels = [1, 0, 1, 2, 0, 1, 2, 0];
    expect(Array.from(firstPerClass(labels, 3, 2))).toEqual([1, 4, 0, 2, 3, 6]);
  });

  it('throws when a class is too small or a label is out of range', () => {
    expect(() => firstPerClass([0, 0, 1], 2, 2)).toThrow(/Class 1 has 1 items, fewer than 2/);
    expect(() => firstPerClass([0, 3], 2, 1)).toThrow(/Label 3 at index 1 is outside 0..1/);
  });
});
