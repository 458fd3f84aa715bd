import { describe, expect, it } from 'vitest';
import type { DatasetSpec } from '../../worker/protocol';
import { shownChoice } from './pickerChoice';

const mnist: DatasetSpec = { kind: 'builtin', name: 'mnist' };
const set = {
  pixels: new Uint8Array(1),
  count: 1,
  size: 1,
  channels: 1 as const,
  labels: null,
  classNames: [],
};
const recorded: DatasetSpec = { kind: 'images', name: 'Webcam: a, b', set };
const resumed: DatasetSpec = { kind: 'images', name: 'photos', set };

describe('shownChoice', () => {
  it('follows the run without a picker', () => {
    expect(shownChoice(null, mnist)).toBe('mnist');
    expect(shownChoice(null, { kind: 'textures', count: 3 })).toBe('textures');
    expect(shownChoice(null, resumed)).toBe('images');
  });

  it('keeps the webcam open over the old set and over the set it made, not over any other', () => {
    const picker = { choice: 'webcam' as const, over: mnist, made: null };
    expect(shownChoice(picker, mnist)).toBe('webcam');
    expect(shownChoice({ ...picker, made: recorded }, recorded)).toBe('webcam');
    // A run resumed since (or a new import) ends the recording view.
    expect(shownChoice({ ...picker, made: recorded }, resumed)).toBe('images');
  });
});
