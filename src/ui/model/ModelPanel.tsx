import { CONFIG_KEYS } from '../../cpc/config';
import { usePlayground } from '../store/usePlayground';
import { FieldControl } from './FieldControl';
import { FIELD_GROUPS } from './fieldControls';
import { isEssentialField } from './essentialFields';
import { GeometrySummary } from './GeometrySummary';
import { RebuildConfirm } from './RebuildConfirm';

/**
 * The patch-grid geometry and the rebuild question, then every field but the essentials (those sit in
 * the control row) under "Advanced settings". The fields' values live in the store and the URL, so
 * closing the section changes nothing.
 */
export function ModelPanel() {
  const liveChangeError = usePlayground((s) => s.liveChangeError);
  const hidden = usePlayground((s) => s.lesson.hiddenControls);
  const pending = usePlayground(
    (s) =>
      CONFIG_KEYS.filter(
        (key) =>
          !isEssentialField(key) && (s.draftConfig[key] !== s.appliedConfig[key] || key in s.fieldErrors),
      ).length,
  );
  return (
    <div className="model-panel">
      <GeometrySummary />
      <RebuildConfirm />
      {liveChangeError && (
        <p role="alert" className="alert" data-testid="live-change-error">
          Not applied: {liveChangeError}
        </p>
      )}
      <details className="advanced" data-testid="advanced-settings">
        <summary>
          Advanced settings
          {pending > 0 && <span className="badge">{pending} not applied</span>}
        </summary>
        <p className="note legend">
          <span className="badge badge-live">live</span> applies between two steps;{' '}
          <span className="badge badge-restart">restart</span> needs a new model.
        </p>
        {FIELD_GROUPS.map((group) => {
          const shown = group.keys.filter((key) => !isEssentialField(key) && !hidden.includes(key));
          return (
            shown.length > 0 && (
              <fieldset key={group.title}>
                <legend>{group.title}</legend>
                {shown.map((key) => (
                  <FieldControl key={key} field={key} />
                ))}
              </fieldset>
            )
          );
        })}
      </details>
    </div>
  );
}
