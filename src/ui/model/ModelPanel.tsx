import { FieldControl } from './FieldControl';
import { FIELD_GROUPS } from './fieldControls';
import { GeometrySummary } from './GeometrySummary';
import { PresetPicker } from './PresetPicker';
import { RebuildConfirm } from './RebuildConfirm';
import { usePlayground } from '../store/usePlayground';

/** Every CpcConfig field, grouped, with the patch-grid geometry and the rebuild question. */
export function ModelPanel() {
  const liveChangeError = usePlayground((s) => s.liveChangeError);
  const hidden = usePlayground((s) => s.lesson.hiddenControls);
  return (
    <div className="model-panel">
      {!hidden.includes('presets') && <PresetPicker />}
      <GeometrySummary />
      <RebuildConfirm />
      {liveChangeError && (
        <p role="alert" className="alert" data-testid="live-change-error">
          Not applied: {liveChangeError}
        </p>
      )}
      <p className="note legend">
        <span className="badge badge-live">live</span> applies between two steps;{' '}
        <span className="badge badge-restart">restart</span> needs a new model.
      </p>
      {FIELD_GROUPS.map((group) => {
        const shown = group.keys.filter((key) => !hidden.includes(key));
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
    </div>
  );
}
