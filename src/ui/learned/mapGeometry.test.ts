import { describe, expect, it } from 'vitest';
import { classColour, fitPoints, nearestPoint } from './mapGeometry';

describe('fitPoints', () => {
  it('maps the extent onto the padded box with y pointing up', () => {
    const screen = fitPoints(Float32Array.from([-1, 0, 1, 2, 0, 1]), 110, 60, 5);
    // x: −1 → 5, 1 → 105, 0 → 55; y: 0 → 60 − 5 = 55, 2 → 5, 1 → 30.
    expect(Array.from(screen)).toEqual([5, 55, 105, 5, 55, 30]);
  });

  it('draws a collapsed axis at the padding instead of NaN', () => {
    const screen = fitPoints(Float32Array.from([3, 3, 3, 3]), 100, 100, 10);
    expect(Array.from(screen)).toEqual([10, 90, 10, 90]);
  });
});

describe('nearestPoint', () => {
  const screen = Float32Array.from([0, 0, 10, 0, 20, 20]);
  it('finds the closest point within the radius', () => {
    expect(nearestPoint(screen, 7, 1, 5)).toBe(1);
    expect(nearestPoint(screen, 2, 0, 5)).toBe(0);
  });
  it('returns null beyond the radius', () => {
    expect(nearestPoint(screen, 15, 10, 5)).toBeNull();
  });
});

describe('classColour', () => {
  it('cycles after ten classes and greys out unlabelled points', () => {
    expect(classColour(11)).toBe(classColour(1));
    expect(classColour(0)).not.toBe(classColour(1));
    expect(classColour(null)).toBe('#555');
  });
});
