import { useCallback, useEffect, useRef, useState } from 'react';
import { cameraFailureOf, type CameraFailure } from './cameraFailure';

export type CameraState =
  | { phase: 'off' }
  | { phase: 'starting' }
  | { phase: 'live'; stream: MediaStream }
  | { phase: 'failed'; failure: CameraFailure };

/**
 * One camera stream (video only, never audio), started on request and stopped on request or unmount, so
 * leaving the webcam choice turns the camera light off.
 */
export function useCamera() {
  const [state, setState] = useState<CameraState>({ phase: 'off' });
  const streamRef = useRef<MediaStream | null>(null);
  // Bumped by every start and stop, so a stream that arrives after a stop (or a newer start) is closed.
  const generation = useRef(0);

  const stop = useCallback(() => {
    generation.current++;
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = null;
    setState({ phase: 'off' });
  }, []);

  const start = useCallback(async () => {
    const mine = ++generation.current;
    streamRef.current?.getTracks().forEach((track) => track.stop());
    streamRef.current = null;
    if (!navigator.mediaDevices?.getUserMedia) return setState({ phase: 'failed', failure: 'unsupported' });
    setState({ phase: 'starting' });
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'user' },
        audio: false,
      });
      if (mine !== generation.current) return stream.getTracks().forEach((track) => track.stop());
      streamRef.current = stream;
      // Unplugged, or taken by the system: the preview would freeze on its last frame.
      stream.getVideoTracks().forEach((track) =>
        track.addEventListener('ended', () => {
          if (streamRef.current === stream) stop();
        }),
      );
      setState({ phase: 'live', stream });
    } catch (error) {
      if (mine === generation.current) setState({ phase: 'failed', failure: cameraFailureOf(error) });
    }
  }, [stop]);

  useEffect(
    () => () => {
      generation.current++;
      streamRef.current?.getTracks().forEach((track) => track.stop());
      streamRef.current = null;
    },
    [],
  );
  return { state, start, stop };
}
