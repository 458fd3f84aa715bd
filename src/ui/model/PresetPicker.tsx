import { useId } from 'react';
import { CONFIG_KEYS } from '../../cpc/config';
import { PRESETS, presetById, type PresetId } from '../../cpc/presets';
import { usePlayground } from '../store/usePlayground';

/** Order in the picker: the classic first, the quick one last before the plain default. */
const PICKER_ORDER: readonly PresetId[] = ['keras-cpc', 'cpc-v2', 'quick-demo', 'default'];
const CUSTOM = 'custom';

export function PresetPicker() {
  const id = useId();
  const presetId = usePlayground((s) => s.presetId);
  const modified = usePlayground(
    (s) =>
      s.presetId !== null &&
      CONFIG_KEYS.some((key) => presetById(s.presetId as PresetId).config[key] !== s.draftConfig[key]),
  );
  const choosePreset = usePlayground((s) => s.choosePreset);
  const presets = PICKER_ORDER.map(presetById);
  return (
    <div className="preset-picker">
      <label htmlFor={id}>Preset</label>
      <select
        id={id}
        data-testid="preset"
        aria-describedby={`${id}-summary`}
        value={presetId ?? CUSTOM}
        onChange={(event) => {
          const chosen = PRESETS.find((preset) => preset.id === event.target.value);
          if (chosen) choosePreset(chosen.id);
        }}
      >
        {presetId === null && <option value={CUSTOM}>Custom</option>}
        {presets.map((preset) => (
          <option key={preset.id} value={preset.id}>
            {preset.title}
          </option>
        ))}
      </select>
      {modified && <span className="badge">modified</span>}
      <p id={`${id}-summary`} className="note">
        {presetId ? presetById(presetId).summary : 'Your own settings (from the URL or edits).'}
      </p>
    </div>
  );
}
