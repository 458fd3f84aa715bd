/** Why the camera did not start, as the panel explains it. */
export type CameraFailure = 'unsupported' | 'denied' | 'missing' | 'busy' | 'other';

/**
 * Sorts a getUserMedia rejection by its DOMException name (the Media Capture spec's names); anything
 * unknown is 'other'. An expected failure, so the page says it in words and logs nothing.
 */
export function cameraFailureOf(error: unknown): CameraFailure {
  const name = error instanceof Error || isNamed(error) ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'missing';
    case 'NotReadableError':
    case 'AbortError':
      return 'busy';
    default:
      return 'other';
  }
}

function isNamed(error: unknown): error is { name: string } {
  return (
    typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string'
  );
}

export const CAMERA_FAILURE_MESSAGES: Record<CameraFailure, string> = {
  unsupported:
    'This browser offers no camera here (camera access needs a secure page: https or localhost). Use your own images instead.',
  denied:
    'Camera access was denied. Allow the camera for this page in the browser’s site settings, then press Start camera again.',
  missing: 'No camera was found. Connect one, then press Start camera again.',
  busy: 'The camera is in use by another program or could not be read. Close it there, then try again.',
  other: 'The camera could not be started. Press Start camera to try again.',
};
