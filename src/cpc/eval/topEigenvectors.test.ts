import { describe, expect, it } from 'vitest';
import { topEigenvectors } from './topEigenvectors';

describe('topEigenvectors', () => {
  it('finds the leading eigenpairs even when the top eigenvector avoids the largest diagonal entry', () => {
    // Eigenpairs: 2.9 at (0, 1, 1)/√2, 2 at (1, 0, 0), 0.1 at (0, 1, −1)/√2.
    const matrix = [2, 0, 0, 0, 1.5, 1.4, 0, 1.4, 1.5];
    const [first, second] = topEigenvectors(matrix, 3, 2);
    expect(first.value).toBeCloseTo(2.9, 9);
    expect(Math.abs(first.vector[1] + first.vector[2]) / Math.SQRT2).toBeCloseTo(1, 9);
    expect(second.value).toBeCloseTo(2, 9);
    expect(Math.abs(second.vector[0])).toBeCloseTo(1, 9);
  });

  it('returns zero vectors once no variance is left', () => {
    const [first, second] = topEigenvectors([4], 1, 2);
    expect(first.value).toBeCloseTo(4, 12);
    expect(Math.abs(first.vector[0])).toBeCloseTo(1, 12);
    expect(second.value).toBe(0);
    expect([...second.vector]).toEqual([0]);
  });
});
