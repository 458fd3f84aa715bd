import type { ReactNode } from 'react';
import { FieldControl } from '../model/FieldControl';
import { ESSENTIAL_FIELDS } from '../model/essentialFields';
import { configReadiness } from '../store/configLogic';
import { usePlayground, usePlaygroundShallow } from '../store/usePlayground';
import { PlayPauseButton } from './PlayPauseButton';
import { RunCounters } from './RunCounters';

/**
 * The one row of controls that matter, at the top of the page: Reset, Play/Pause, Step, the preset
 * beside Play, the step count and loss, and the essential fields. `presetSlot` is the preset picker
 * (the page decides whether a lesson hides it).
 */
export function TrainingControls({ presetSlot }: { presetSlot?: ReactNode }) {
  const ready = usePlayground((s) => s.run.phase === 'ready');
  const blocker = usePlayground(
    (s) => configReadiness(s.appliedConfig, s.draftConfig, s.fieldErrors).blocker,
  );
  const step = usePlayground((s) => s.step);
  const reset = usePlayground((s) => s.reset);
  const essentials = usePlaygroundShallow((s) =>
    ESSENTIAL_FIELDS.filter((key) => !s.lesson.hiddenControls.includes(key)),
  );
  return (
    <section className="control-row" aria-label="Training controls">
      <div className="transport" role="group" aria-label="Train">
        <button data-testid="reset" disabled={!ready} onClick={reset} title="New weights from the same seed.">
          <span aria-hidden="true">↺ </span>Reset
        </button>
        <PlayPauseButton />
        <button
          data-testid="step"
          disabled={!ready || blocker !== null}
          onClick={step}
          aria-keyshortcuts="S"
          title="One training step (S)"
        >
          Step<span aria-hidden="true"> ›</span>
        </button>
      </div>
      {presetSlot && <div className="preset-slot">{presetSlot}</div>}
      <RunCounters />
      {essentials.length > 0 && (
        <div className="essentials" role="group" aria-label="Essential settings">
          {essentials.map((key) => (
            <FieldControl key={key} field={key} />
          ))}
        </div>
      )}
      {blocker && (
        <p className="note blocker" data-testid="start-blocker">
          {blocker}
        </p>
      )}
    </section>
  );
}
