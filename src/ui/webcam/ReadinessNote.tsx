import { MIN_FRAMES_PER_CLASS, type Readiness } from './recordedClasses';

/** What the recording still needs before it can train, or that it is ready. */
export function ReadinessNote({ readiness, frames }: { readiness: Readiness; frames: number }) {
  return (
    <p className="note" data-testid="webcam-readiness" data-state={readiness.state} aria-live="polite">
      {readinessText(readiness, frames)}
    </p>
  );
}

function readinessText(readiness: Readiness, frames: number): string {
  switch (readiness.state) {
    case 'ready':
      return `Ready: ${frames} frames. A fifth of each class is held out to score the probe.`;
    case 'unnamed':
      return 'Give every class a name.';
    case 'duplicate-names':
      return `Two classes are named “${readiness.name}”: give each its own name.`;
    case 'too-few-frames': {
      const missing = readiness.classes.map((c) => `${c.name || 'unnamed'}: ${c.missing} more`).join(', ');
      return `Each class needs at least ${MIN_FRAMES_PER_CLASS} frames to train and probe (a fifth is held out to score the probe). Still to record: ${missing}.`;
    }
  }
}
