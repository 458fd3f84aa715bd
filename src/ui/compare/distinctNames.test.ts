import { describe, expect, it } from 'vitest';
import { withDistinctNames } from './distinctNames';

describe('withDistinctNames', () => {
  it('numbers repeated names from the second on and leaves unique ones alone', () => {
    const runs = [{ name: 'a' }, { name: 'b' }, { name: 'a' }, { name: 'a' }];
    expect(withDistinctNames(runs).map((r) => r.name)).toEqual(['a', 'b', 'a (2)', 'a (3)']);
  });

  it('keeps the other fields and the input untouched', () => {
    const runs = [
      { id: 1, name: 'x' },
      { id: 2, name: 'x' },
    ];
    expect(withDistinctNames(runs)).toEqual([
      { id: 1, name: 'x' },
      { id: 2, name: 'x (2)' },
    ]);
    expect(runs[1].name).toBe('x');
  });
});
