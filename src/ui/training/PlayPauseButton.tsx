import { useEffect, useRef, type FocusEvent } from 'react';
import { configReadiness } from '../store/configLogic';
import { usePlayground } from '../store/usePlayground';

/**
 * One big button that plays or pauses, as in tensorflow/playground. Start and Pause stay two elements
 * (their test ids are read by the specs); the one that does not apply is hidden, and focus moves to
 * the other when they swap so the keyboard user's place is kept.
 */
export function PlayPauseButton() {
  const ready = usePlayground((s) => s.run.phase === 'ready');
  const running = usePlayground((s) => s.run.running);
  const blocker = usePlayground(
    (s) => configReadiness(s.appliedConfig, s.draftConfig, s.fieldErrors).blocker,
  );
  const start = usePlayground((s) => s.start);
  const pause = usePlayground((s) => s.pause);
  const startButton = useRef<HTMLButtonElement>(null);
  const pauseButton = useRef<HTMLButtonElement>(null);
  // The button that has (or, once hidden, had) the focus; cleared when the user moves focus elsewhere.
  const held = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    const shown = running ? pauseButton.current : startButton.current;
    const lost = document.activeElement === held.current || document.activeElement === document.body;
    if (held.current && held.current !== shown && lost) shown?.focus();
  }, [running]);
  const focusHandlers = {
    onFocus: (event: FocusEvent<HTMLButtonElement>) => (held.current = event.currentTarget),
    onBlur: (event: FocusEvent<HTMLButtonElement>) => {
      if (event.relatedTarget) held.current = null;
    },
  };
  return (
    <span className="play-pause">
      <button
        ref={startButton}
        {...focusHandlers}
        data-testid="start"
        className="primary play"
        hidden={running}
        disabled={!ready || running || blocker !== null}
        onClick={start}
        aria-keyshortcuts="Space"
        title="Train (Space)"
      >
        <span aria-hidden="true" className="play-icon">
          ▶
        </span>
        <span className="visually-hidden">Start</span>
      </button>
      <button
        ref={pauseButton}
        {...focusHandlers}
        data-testid="pause"
        className="primary play"
        hidden={!running}
        disabled={!ready || !running}
        onClick={pause}
        aria-keyshortcuts="Space"
        title="Pause (Space)"
      >
        <span aria-hidden="true" className="play-icon">
          ❚❚
        </span>
        <span className="visually-hidden">Pause</span>
      </button>
    </span>
  );
}
