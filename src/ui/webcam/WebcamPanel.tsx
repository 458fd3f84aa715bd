import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { CAMERA_FAILURE_MESSAGES } from './cameraFailure';
import { captureFrame } from './frameCapture';
import { ReadinessNote } from './ReadinessNote';
import {
  addClass,
  addFrame,
  clearClass,
  deleteFrame,
  newRecording,
  readiness,
  removeClass,
  renameClass,
  type Recording,
} from './recordedClasses';
import { useCamera } from './useCamera';
import { WebcamClassRow } from './WebcamClassRow';
import './webcam.css';

interface Props {
  /** Trains on the recording (the caller builds the set and fits the config). */
  onUse: (recording: Recording) => void;
}

/**
 * "Webcam classes": name the classes, start the camera, hold a class's button to record frames into it,
 * prune them, then train on them. The camera stops when the panel goes (leaving the webcam choice).
 */
export function WebcamPanel({ onUse }: Props) {
  const [recording, setRecording] = useState<Recording>(newRecording);
  const camera = useCamera();
  const live = camera.state.phase === 'live';
  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement | null>(null);

  const recordInto = useCallback((classId: number) => {
    const video = videoRef.current;
    if (!video) return;
    canvasRef.current ??= document.createElement('canvas');
    const pixels = captureFrame(video, canvasRef.current);
    if (pixels) setRecording((r) => addFrame(r, classId, pixels));
  }, []);
  const deleteOne = useCallback(
    (classId: number, frameId: number) => setRecording((r) => deleteFrame(r, classId, frameId)),
    [],
  );

  const ready = readiness(recording);
  const frames = recording.classes.reduce((sum, c) => sum + c.frames.length, 0);
  return (
    <div className="webcam-panel" data-testid="webcam-panel">
      <p className="note">
        Frames stay on this computer: nothing is uploaded, and a saved run keeps them in this browser only.
      </p>
      <CameraView camera={camera} videoRef={videoRef} />
      <ol className="webcam-classes">
        {recording.classes.map((recorded, i) => (
          <WebcamClassRow
            key={recorded.id}
            recorded={recorded}
            position={i + 1}
            classCount={recording.classes.length}
            live={live}
            onRename={(name) => setRecording((r) => renameClass(r, recorded.id, name))}
            onRecordFrame={() => recordInto(recorded.id)}
            onDeleteFrame={deleteOne}
            onClear={() => setRecording((r) => clearClass(r, recorded.id))}
            onRemove={() => setRecording((r) => removeClass(r, recorded.id))}
          />
        ))}
      </ol>
      <div className="button-row">
        <button type="button" data-testid="webcam-add-class" onClick={() => setRecording(addClass)}>
          Add a class
        </button>
        <button
          type="button"
          data-testid="webcam-use"
          disabled={ready.state !== 'ready'}
          onClick={() => onUse(recording)}
        >
          Use these frames
        </button>
      </div>
      <ReadinessNote readiness={ready} frames={frames} />
    </div>
  );
}

/** Start/stop, the live preview while the camera runs, and why it does not when it failed. */
function CameraView({
  camera,
  videoRef,
}: {
  camera: ReturnType<typeof useCamera>;
  videoRef: RefObject<HTMLVideoElement | null>;
}) {
  const { state } = camera;
  const stream = state.phase === 'live' ? state.stream : null;
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.srcObject = stream;
    // Autoplay may be refused until the page has had a gesture; Start camera was one, so this is a formality.
    if (stream) video.play().catch(() => undefined);
  }, [stream, videoRef]);
  return (
    <div className="webcam-camera">
      <video
        ref={videoRef}
        className="webcam-preview"
        data-testid="webcam-preview"
        hidden={!stream}
        muted
        playsInline
        autoPlay
        aria-label="Live camera preview"
      />
      <div className="button-row">
        {state.phase === 'live' ? (
          <button type="button" data-testid="webcam-stop" onClick={camera.stop}>
            Stop camera
          </button>
        ) : (
          <button
            type="button"
            data-testid="webcam-start"
            disabled={state.phase === 'starting'}
            onClick={() => void camera.start()}
          >
            {state.phase === 'starting' ? 'Starting camera…' : 'Start camera'}
          </button>
        )}
      </div>
      {state.phase === 'failed' && (
        <p role="alert" className="webcam-message" data-testid="webcam-message" data-failure={state.failure}>
          {CAMERA_FAILURE_MESSAGES[state.failure]}
        </p>
      )}
    </div>
  );
}
