import type { ImageSet } from '../../cpc/data/imageSet';

/** Side of a recorded frame: a 7×7 grid of 8 px patches at 50% overlap (fitConfig's 32 px row). */
export const FRAME_SIDE = 32;
/** Recorded frames are RGB; the config fitted to them decides whether training keeps the colour. */
export const FRAME_CHANNELS = 3;
export const FRAME_BYTES = FRAME_SIDE * FRAME_SIDE * FRAME_CHANNELS;
/**
 * Frames a class needs before the set can train: a labelled set holds out a fifth of each class to score
 * the probes (PROBE_TEST_FRACTION in src/datasets/splitForProbes.ts), so ten leave eight for training and
 * the probe's fit, and two to score it. Fewer still train, but a probe on one or no frame per class says
 * nothing.
 */
export const MIN_FRAMES_PER_CLASS = 10;
/** Frames a class keeps at most (about 37 s of holding at ~8 frames/s), so memory stays small. */
export const MAX_FRAMES_PER_CLASS = 300;
export const MIN_CLASSES = 2;

export interface RecordedFrame {
  /** Unique within the recording, so a deletion names the frame rather than a shifting index. */
  id: number;
  /** [FRAME_SIDE, FRAME_SIDE, 3] RGB bytes. */
  pixels: Uint8Array;
}

export interface RecordedClass {
  id: number;
  name: string;
  frames: RecordedFrame[];
}

export interface Recording {
  classes: RecordedClass[];
  /** Next id for a class or a frame. */
  nextId: number;
}

/** Two empty classes named as Teachable Machine names them, ready for the user to rename. */
export function newRecording(): Recording {
  return {
    classes: [
      { id: 0, name: 'Class 1', frames: [] },
      { id: 1, name: 'Class 2', frames: [] },
    ],
    nextId: 2,
  };
}

export function addClass(recording: Recording): Recording {
  const name = `Class ${recording.classes.length + 1}`;
  return {
    classes: [...recording.classes, { id: recording.nextId, name, frames: [] }],
    nextId: recording.nextId + 1,
  };
}

/** Removes a class and its frames; a recording never drops below two classes. */
export function removeClass(recording: Recording, classId: number): Recording {
  if (recording.classes.length <= MIN_CLASSES) return recording;
  return { ...recording, classes: recording.classes.filter((c) => c.id !== classId) };
}

export function renameClass(recording: Recording, classId: number, name: string): Recording {
  return mapClass(recording, classId, (c) => ({ ...c, name }));
}

/** Appends a frame to a class; a full class (MAX_FRAMES_PER_CLASS) takes no more. */
export function addFrame(recording: Recording, classId: number, pixels: Uint8Array): Recording {
  if (pixels.length !== FRAME_BYTES)
    throw new RangeError(`a frame has ${FRAME_BYTES} bytes, got ${pixels.length}`);
  const target = recording.classes.find((c) => c.id === classId);
  if (!target || target.frames.length >= MAX_FRAMES_PER_CLASS) return recording;
  const frame = { id: recording.nextId, pixels };
  return {
    classes: recording.classes.map((c) => (c.id === classId ? { ...c, frames: [...c.frames, frame] } : c)),
    nextId: recording.nextId + 1,
  };
}

export function deleteFrame(recording: Recording, classId: number, frameId: number): Recording {
  return mapClass(recording, classId, (c) => ({ ...c, frames: c.frames.filter((f) => f.id !== frameId) }));
}

export function clearClass(recording: Recording, classId: number): Recording {
  return mapClass(recording, classId, (c) => ({ ...c, frames: [] }));
}

function mapClass(
  recording: Recording,
  classId: number,
  change: (c: RecordedClass) => RecordedClass,
): Recording {
  return { ...recording, classes: recording.classes.map((c) => (c.id === classId ? change(c) : c)) };
}

/** Why the recording cannot train yet, or 'ready'. */
export type Readiness =
  | { state: 'ready' }
  | { state: 'unnamed' }
  | { state: 'duplicate-names'; name: string }
  | { state: 'too-few-frames'; classes: { name: string; missing: number }[] };

export function readiness(recording: Recording): Readiness {
  const names = recording.classes.map((c) => c.name.trim());
  if (names.some((n) => n.length === 0)) return { state: 'unnamed' };
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) return { state: 'duplicate-names', name: duplicate };
  const short = recording.classes
    .filter((c) => c.frames.length < MIN_FRAMES_PER_CLASS)
    .map((c) => ({ name: c.name.trim(), missing: MIN_FRAMES_PER_CLASS - c.frames.length }));
  return short.length > 0 ? { state: 'too-few-frames', classes: short } : { state: 'ready' };
}

/** The frames as a labelled set, class by class in the order shown; label i names classes[i]. */
export function recordingToImageSet(recording: Recording): ImageSet {
  const count = recording.classes.reduce((sum, c) => sum + c.frames.length, 0);
  const pixels = new Uint8Array(count * FRAME_BYTES);
  const labels = new Int32Array(count);
  let n = 0;
  recording.classes.forEach((c, label) => {
    for (const frame of c.frames) {
      pixels.set(frame.pixels, n * FRAME_BYTES);
      labels[n++] = label;
    }
  });
  return {
    pixels,
    count,
    size: FRAME_SIDE,
    channels: FRAME_CHANNELS,
    labels,
    classNames: recording.classes.map((c) => c.name.trim()),
  };
}
