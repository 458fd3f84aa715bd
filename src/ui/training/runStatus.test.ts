import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, runStatusKey } from './runStatus';
import { INITIAL_VIEW } from './trainingView';

describe('run status', () => {
  it('maps the view to one status key', () => {
    expect(runStatusKey(INITIAL_VIEW)).toBe('loading');
    expect(runStatusKey({ ...INITIAL_VIEW, phase: 'ready', running: true })).toBe('running');
    expect(runStatusKey({ ...INITIAL_VIEW, phase: 'ready' })).toBe('paused');
    expect(runStatusKey({ ...INITIAL_VIEW, phase: 'crashed' })).toBe('crashed');
  });

  it('formats durations and sizes', () => {
    expect(formatDuration(59_999)).toBe('0:59');
    expect(formatDuration(61_000)).toBe('1:01');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
