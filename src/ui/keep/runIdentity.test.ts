import { describe, expect, it } from 'vitest';
import { defaultRunName, newRunId } from './runIdentity';

describe('run identity', () => {
  it('names a run by dataset, preset and local start time', () => {
    const createdAt = new Date(2026, 10, 27, 14, 2).getTime(); // 27 Nov 2026, 14:02 local time
    expect(defaultRunName('Fashion-MNIST', 'cpc-v2', createdAt)).toBe(
      'Fashion-MNIST · CPC v2 · 27 Nov 14:02',
    );
    expect(defaultRunName('My photos', null, createdAt)).toBe('My photos · Custom · 27 Nov 14:02');
  });

  it('keys runs begun in the same millisecond apart', () => {
    expect(newRunId(36, 0)).toBe('run-10-0');
    expect(newRunId(36, 1)).not.toBe(newRunId(36, 0));
  });
});
