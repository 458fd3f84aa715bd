import { describe, expect, it } from 'vitest';
import { EXPLAIN, trainingCandidates } from './explanations';

describe('explanations', () => {
  it('explain the rank against the whole inspection batch, and training’s smaller candidate set', () => {
    const training = trainingCandidates({ candidates: 'sampled', negatives: 15 }, 16);
    const text = EXPLAIN.trueRank(380, 576, 16, training);
    expect(text).toContain('all 576 patches of the 16 images shown');
    expect(text).toContain('379 of them beat the true patch');
    expect(text).toContain('only 16 candidates (the true patch and 15 negatives)');
  });

  it('name row candidates as the target row of the batch', () => {
    expect(trainingCandidates({ candidates: 'row', negatives: 15 }, 96)).toBe(
      '96 candidates (every patch of the target row in the batch)',
    );
  });

  it('give chance as one in N and precision@k with its k', () => {
    expect(EXPLAIN.chanceAccuracy(16)).toContain('1 time in 16');
    expect(EXPLAIN.precisionAt(8)).toContain('the 8 nearest images');
  });

  it('keep every explanation to one short line', () => {
    const texts = Object.values(EXPLAIN).map((entry) =>
      typeof entry === 'string' ? entry : (entry as (...args: unknown[]) => string)(2, 10, 3, 'x'),
    );
    for (const text of texts) expect(text.length, text).toBeLessThan(300);
  });
});
