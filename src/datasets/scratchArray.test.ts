import { describe, expect, it } from 'vitest';
import { scratchArray } from './scratchArray';

describe('scratchArray', () => {
  it('hands out views of one array, grown when asked for more, and fresh arrays past the limit', () => {
    const take = scratchArray((n) => new Float64Array(n), 100);
    const a = take(10);
    const b = take(5);
    expect([a.length, b.length]).toEqual([10, 5]);
    expect(b.buffer).toBe(a.buffer);
    const c = take(50);
    expect(c.buffer).not.toBe(a.buffer);
    expect(take(20).buffer).toBe(c.buffer);
    const huge = take(101);
    expect(huge.length).toBe(101);
    expect(take(101).buffer).not.toBe(huge.buffer);
    expect(take(1).buffer).toBe(c.buffer);
  });
});
