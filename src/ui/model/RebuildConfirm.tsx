import { useId } from 'react';
import { FIELDS } from '../../cpc/config';
import { resolveGeometry } from '../../cpc/geometry';
import { pendingRestartKeys } from '../store/configLogic';
import { usePlayground, usePlaygroundShallow } from '../store/usePlayground';

/**
 * Asks before restart fields take effect: building the new model throws away the trained weights.
 * Shown while the draft has restart changes; nothing is discarded until the user confirms.
 */
export function RebuildConfirm() {
  const changes = usePlaygroundShallow((s) =>
    pendingRestartKeys(s.appliedConfig, s.draftConfig).map(
      (key) => `${FIELDS[key].label}: ${String(s.appliedConfig[key])} → ${String(s.draftConfig[key])}`,
    ),
  );
  const step = usePlayground((s) => s.run.step);
  const valid = usePlayground(
    (s) => Object.keys(s.fieldErrors).length === 0 && resolveGeometry(s.draftConfig).errors.length === 0,
  );
  const titleId = useId();
  const confirmRebuild = usePlayground((s) => s.confirmRebuild);
  const revert = usePlayground((s) => s.revertRestartChanges);
  if (changes.length === 0) return null;
  return (
    <section
      className="rebuild-confirm"
      aria-live="polite"
      aria-labelledby={titleId}
      data-testid="rebuild-confirm"
    >
      <p id={titleId}>
        <strong>These changes need a new model.</strong>{' '}
        {step > 0
          ? `Rebuilding discards the weights trained for ${step} steps.`
          : 'Rebuilding starts from fresh weights.'}
      </p>
      <ul>
        {changes.map((change) => (
          <li key={change}>{change}</li>
        ))}
      </ul>
      <div className="button-row">
        <button data-testid="rebuild-apply" disabled={!valid} onClick={confirmRebuild}>
          {step > 0 ? 'Discard weights and rebuild' : 'Rebuild the model'}
        </button>
        <button data-testid="rebuild-cancel" onClick={revert}>
          Keep the current model
        </button>
      </div>
    </section>
  );
}
