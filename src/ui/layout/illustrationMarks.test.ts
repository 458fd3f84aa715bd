import { describe, expect, it } from 'vitest';
import type { PredictionInspection } from '../../cpc/model/inspect';
import { gridMarks } from './illustrationMarks';

const target = (k: number, row: number, col: number) => ({
  k,
  row,
  col,
  truePool: 0,
  trueScore: 0,
  trueRank: 1,
  top: [],
});

describe('gridMarks', () => {
  it('marks the context column and each target on the mosaic, with an arrow to the nearest target', () => {
    // Direction down, lane 2: context rows 0..1 of column 2, targets k=2 and 3 at rows 3 and 4.
    const prediction: PredictionInspection = {
      direction: 'down',
      context: [
        [0, 2],
        [1, 2],
      ],
      targets: [target(2, 3, 2), target(3, 4, 2)],
    };
    const marks = gridMarks(prediction, 8, 1);
    expect(marks.context).toEqual([
      { x: 18, y: 0, width: 8, height: 8 },
      { x: 18, y: 9, width: 8, height: 8 },
    ]);
    expect(marks.targets.map((t) => [t.k, t.x, t.y])).toEqual([
      [2, 18, 27],
      [3, 18, 36],
    ]);
    expect(marks.arrow).toEqual({ x1: 22, y1: 13, x2: 22, y2: 31 });
  });

  it('draws no arrow when nothing is left to predict', () => {
    const marks = gridMarks({ direction: 'down', context: [[5, 0]], targets: [] }, 4, 1);
    expect(marks.arrow).toBeNull();
  });
});
