import { MAX_FRAMES_PER_CLASS, MIN_CLASSES, type RecordedClass } from './recordedClasses';
import { FrameThumb } from './FrameThumb';
import { useHoldRepeat } from './useHoldRepeat';

/** ~8 frames/s while the button is held: a few seconds give a class enough varied frames. */
const RECORD_INTERVAL_MS = 125;

interface Props {
  recorded: RecordedClass;
  /** Position in the list, from 1, for names read aloud. */
  position: number;
  classCount: number;
  /** Whether the camera shows a picture to record. */
  live: boolean;
  onRename: (name: string) => void;
  onRecordFrame: () => void;
  onDeleteFrame: (classId: number, frameId: number) => void;
  onClear: () => void;
  onRemove: () => void;
}

/** A class: its name, a button held to record into it, its count, and its frames (each deletable). */
export function WebcamClassRow({ recorded, position, classCount, live, ...on }: Props) {
  const full = recorded.frames.length >= MAX_FRAMES_PER_CLASS;
  const hold = useHoldRepeat(on.onRecordFrame, RECORD_INTERVAL_MS, !live || full);
  const title = recorded.name.trim() || `class ${position}`;
  return (
    <li className="webcam-class" data-testid="webcam-class">
      <div className="webcam-class-head">
        <input
          data-testid="webcam-class-name"
          aria-label={`Name of class ${position}`}
          value={recorded.name}
          maxLength={40}
          onChange={(event) => on.onRename(event.target.value)}
        />
        <button
          type="button"
          className="webcam-record"
          data-testid="webcam-record"
          disabled={!live || full}
          aria-label={`Hold to record into ${title}`}
          {...hold}
        >
          Hold to record
        </button>
        <span className="webcam-count">
          <span data-testid="webcam-count">{recorded.frames.length}</span>{' '}
          {recorded.frames.length === 1 ? 'frame' : 'frames'}
          {full && ' (full)'}
        </span>
        <button
          type="button"
          className="quiet"
          data-testid="webcam-clear"
          disabled={recorded.frames.length === 0}
          onClick={on.onClear}
        >
          Clear
        </button>
        <button
          type="button"
          className="quiet"
          data-testid="webcam-remove-class"
          disabled={classCount <= MIN_CLASSES}
          aria-label={`Remove ${title}`}
          onClick={on.onRemove}
        >
          Remove
        </button>
      </div>
      {recorded.frames.length > 0 && (
        <div className="webcam-frames" role="group" aria-label={`Frames of ${title}; press one to delete it`}>
          {recorded.frames.map((frame, i) => (
            <FrameThumb
              key={frame.id}
              pixels={frame.pixels}
              label={`frame ${i + 1} of ${title}`}
              classId={recorded.id}
              frameId={frame.id}
              onDelete={on.onDeleteFrame}
            />
          ))}
        </div>
      )}
    </li>
  );
}
