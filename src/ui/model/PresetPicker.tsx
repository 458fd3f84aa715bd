import { useId, useState } from 'react';
import { CONFIG_KEYS } from '../../cpc/config';
import { PRESETS, presetById, type PresetId } from '../../cpc/presets';
import { usePlayground, usePlaygroundStore } from '../store/usePlayground';
import { PresetConfirm } from './PresetConfirm';
import { presetChoice } from './presetChoice';
import { PresetSpeedNote } from './PresetSpeedNote';
import './presetPicker.css';

/** Order in the picker: the classic first, the quick one last before the plain default. */
const PICKER_ORDER: readonly PresetId[] = ['keras-cpc', 'cpc-v2', 'quick-demo', 'default'];
const CUSTOM = 'custom';

/**
 * Chooses a preset in one step: before training it rebuilds at once; after, it asks once (the rebuild
 * discards the trained steps). Self-contained, so it works wherever it is mounted.
 */
export function PresetPicker() {
  const id = useId();
  const store = usePlaygroundStore();
  const presetId = usePlayground((s) => s.presetId);
  const modified = usePlayground(
    (s) =>
      s.presetId !== null &&
      CONFIG_KEYS.some((key) => presetById(s.presetId as PresetId).config[key] !== s.draftConfig[key]),
  );
  const choosePreset = usePlayground((s) => s.choosePreset);
  const [asking, setAsking] = useState<{ id: PresetId; question: string } | null>(null);
  const presets = PICKER_ORDER.map(presetById);
  const choose = (chosen: PresetId) => {
    const { appliedConfig, run } = store.getState();
    const choice = presetChoice(chosen, appliedConfig, run.step);
    if (choice.kind === 'ask') return setAsking({ id: chosen, question: choice.question });
    setAsking(null);
    choosePreset(chosen);
  };
  return (
    <div className="preset-picker">
      <label htmlFor={id}>Preset</label>
      <select
        id={id}
        data-testid="preset"
        aria-describedby={`${id}-summary`}
        value={asking?.id ?? presetId ?? CUSTOM}
        onChange={(event) => {
          const chosen = PRESETS.find((preset) => preset.id === event.target.value);
          if (chosen) choose(chosen.id);
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
      {asking && (
        <PresetConfirm
          question={asking.question}
          onRebuild={() => {
            setAsking(null);
            choosePreset(asking.id);
          }}
          onCancel={() => setAsking(null)}
        />
      )}
      <PresetSpeedNote />
      <p id={`${id}-summary`} className="note">
        {presetId ? presetById(presetId).summary : 'Your own settings (from the URL or edits).'}
      </p>
    </div>
  );
}
