import { describe, expect, it } from 'vitest';
import {
  addClass,
  addFrame,
  clearClass,
  deleteFrame,
  FRAME_BYTES,
  MAX_FRAMES_PER_CLASS,
  MIN_FRAMES_PER_CLASS,
  newRecording,
  readiness,
  recordingToImageSet,
  removeClass,
  renameClass,
  type Recording,
} from './recordedClasses';
import { bytesOf } from '../../cpc/testing/bytesOf';

/** A frame filled with one byte value, so where its bytes land in a set can be read back. */
const frame = (value: number) => new Uint8Array(FRAME_BYTES).fill(value);

function withFrames(recording: Recording, classId: number, values: number[]): Recording {
  return values.reduce((r, v) => addFrame(r, classId, frame(v)), recording);
}

describe('recorded classes', () => {
  it('starts with two empty classes and never drops below two', () => {
    const start = newRecording();
    expect(start.classes.map((c) => [c.name, c.frames.length])).toEqual([
      ['Class 1', 0],
      ['Class 2', 0],
    ]);
    expect(removeClass(start, start.classes[0].id)).toBe(start);
    const three = addClass(start);
    expect(three.classes.map((c) => c.name)).toEqual(['Class 1', 'Class 2', 'Class 3']);
    expect(new Set(three.classes.map((c) => c.id)).size).toBe(3);
    expect(removeClass(three, three.classes[1].id).classes.map((c) => c.name)).toEqual([
      'Class 1',
      'Class 3',
    ]);
  });

  it('adds frames to one class, deletes one frame by id, and clears a class', () => {
    let r = newRecording();
    const [a, b] = r.classes.map((c) => c.id);
    r = withFrames(r, a, [1, 2, 3]);
    r = withFrames(r, b, [9]);
    expect(r.classes.map((c) => c.frames.length)).toEqual([3, 1]);
    const middle = r.classes[0].frames[1].id;
    r = deleteFrame(r, a, middle);
    expect(r.classes[0].frames.map((f) => f.pixels[0])).toEqual([1, 3]);
    r = clearClass(r, a);
    expect(r.classes.map((c) => c.frames.length)).toEqual([0, 1]);
  });

  it('stops taking frames at the per-class cap and rejects a frame of the wrong size', () => {
    const r = newRecording();
    const id = r.classes[0].id;
    const full = withFrames(
      r,
      id,
      Array.from({ length: MAX_FRAMES_PER_CLASS }, () => 5),
    );
    expect(addFrame(full, id, frame(6))).toBe(full);
    expect(() => addFrame(r, id, new Uint8Array(3))).toThrow(RangeError);
  });

  it('says what is missing before the set can train', () => {
    let r = newRecording();
    const [a, b] = r.classes.map((c) => c.id);
    expect(readiness(r)).toEqual({
      state: 'too-few-frames',
      classes: [
        { name: 'Class 1', missing: MIN_FRAMES_PER_CLASS },
        { name: 'Class 2', missing: MIN_FRAMES_PER_CLASS },
      ],
    });
    r = withFrames(
      r,
      a,
      Array.from({ length: MIN_FRAMES_PER_CLASS }, () => 1),
    );
    r = withFrames(
      r,
      b,
      Array.from({ length: MIN_FRAMES_PER_CLASS - 1 }, () => 2),
    );
    expect(readiness(r)).toEqual({ state: 'too-few-frames', classes: [{ name: 'Class 2', missing: 1 }] });
    r = addFrame(r, b, frame(2));
    expect(readiness(r)).toEqual({ state: 'ready' });
    expect(readiness(renameClass(r, b, '  '))).toEqual({ state: 'unnamed' });
    expect(readiness(renameClass(r, b, ' Class 1 '))).toEqual({ state: 'duplicate-names', name: 'Class 1' });
  });

  it('becomes a labelled set, class by class, with trimmed names', () => {
    let r = addClass(newRecording());
    const [a, b, c] = r.classes.map((k) => k.id);
    r = renameClass(r, a, ' cup ');
    r = renameClass(r, b, 'hand');
    r = withFrames(r, b, [20, 21]);
    r = withFrames(r, a, [10]);
    r = withFrames(r, c, [30]);
    const set = recordingToImageSet(r);
    expect(set).toMatchObject({ count: 4, size: 32, channels: 3, classNames: ['cup', 'hand', 'Class 3'] });
    expect(Array.from(set.labels!)).toEqual([0, 1, 1, 2]);
    expect(set.pixels.length).toBe(4 * FRAME_BYTES);
    // First and last byte of each image: the frames in label order.
    const firstBytes = [0, 1, 2, 3].map((i) => bytesOf(set)[i * FRAME_BYTES]);
    const lastBytes = [1, 2, 3, 4].map((i) => bytesOf(set)[i * FRAME_BYTES - 1]);
    expect(firstBytes).toEqual([10, 20, 21, 30]);
    expect(lastBytes).toEqual([10, 20, 21, 30]);
  });
});
