import { useId, useState, type KeyboardEvent } from 'react';
import { FIELDS, type CpcConfig } from '../../cpc/config';
import { usePlayground } from '../store/usePlayground';
import {
  controlKind,
  formatControlValue,
  parseControlValue,
  SLIDER_STEP,
  valueMeaning,
} from './fieldControls';

/**
 * One config field: label, control, a live/restart badge and the field's one-line doc as tooltip and
 * accessible description. Every edit goes to the draft config at once (so the geometry updates as you
 * type); live fields are sent to the worker when the edit is committed (Enter, leaving the box, a pick).
 */
export function FieldControl({ field }: { field: keyof CpcConfig }) {
  const id = useId();
  const spec = FIELDS[field];
  const kind = controlKind(field);
  const live = spec.live;
  const changed = usePlayground((s) => s.draftConfig[field] !== s.appliedConfig[field]);
  const error = usePlayground((s) => s.fieldErrors[field]);
  const meaning = usePlayground((s) => valueMeaning(field, s.draftConfig[field]));
  return (
    <div className="field" data-kind={live ? 'live' : 'restart'} data-changed={changed || undefined}>
      <label htmlFor={id} title={spec.doc}>
        {spec.label}
      </label>
      <span className={`badge badge-${live ? 'live' : 'restart'}`} title={live ? LIVE_NOTE : RESTART_NOTE}>
        {live ? 'live' : 'restart'}
      </span>
      {kind === 'select' && <SelectInput id={id} field={field} />}
      {kind === 'slider' && <SliderInput id={id} field={field} />}
      {kind === 'number' && <NumberInput id={id} field={field} />}
      {meaning && (
        <span className="field-meaning" data-testid={`field-meaning-${field}`}>
          {meaning}
        </span>
      )}
      <span id={`${id}-doc`} className="field-doc">
        {spec.doc}
      </span>
      {error && (
        <span className="field-error" role="alert" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}

const LIVE_NOTE = 'Applied between two steps; the weights are kept.';
const RESTART_NOTE = 'Needs a new model: applying it discards the trained weights.';

interface InputProps {
  id: string;
  field: keyof CpcConfig;
}

function useFieldEditing(field: keyof CpcConfig) {
  const setDraftField = usePlayground((s) => s.setDraftField);
  const setFieldError = usePlayground((s) => s.setFieldError);
  const commitLiveChanges = usePlayground((s) => s.commitLiveChanges);
  const edit = (text: string): boolean => {
    const parsed = parseControlValue(field, text);
    setFieldError(field, parsed.ok ? null : parsed.reason);
    if (parsed.ok) setDraftField(field, parsed.value);
    return parsed.ok;
  };
  const commit = () => {
    if (FIELDS[field].live) commitLiveChanges();
  };
  return { edit, commit };
}

function SelectInput({ id, field }: InputProps) {
  const value = usePlayground((s) => s.draftConfig[field]);
  const spec = FIELDS[field];
  const { edit, commit } = useFieldEditing(field);
  const options = spec.type === 'enum' ? spec.options : [];
  return (
    <select
      id={id}
      data-testid={`field-${field}`}
      aria-describedby={`${id}-doc`}
      value={String(value)}
      onChange={(event) => {
        if (edit(event.target.value)) commit();
      }}
    >
      {options.map((option) => (
        <option key={String(option)} value={String(option)}>
          {String(option)}
        </option>
      ))}
    </select>
  );
}

function SliderInput({ id, field }: InputProps) {
  const value = usePlayground((s) => s.draftConfig[field]) as number;
  const { edit, commit } = useFieldEditing(field);
  return (
    <span className="slider">
      <input
        id={id}
        type="range"
        data-testid={`field-${field}`}
        aria-describedby={`${id}-doc`}
        min={0}
        max={1}
        step={SLIDER_STEP}
        value={value}
        onChange={(event) => {
          if (edit(event.target.value)) commit();
        }}
      />
      <output htmlFor={id}>{value.toFixed(2)}</output>
    </span>
  );
}

function NumberInput({ id, field }: InputProps) {
  const value = usePlayground((s) => s.draftConfig[field]);
  const error = usePlayground((s) => s.fieldErrors[field]);
  const { edit, commit } = useFieldEditing(field);
  // The typed text while editing (it may not parse yet); the store's value otherwise.
  const [text, setText] = useState<string | null>(null);
  const [focused, setFocused] = useState(false);
  const shown = text !== null && (focused || error) ? text : formatControlValue(value);
  const finish = () => {
    if (error === undefined) {
      setText(null);
      commit();
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') finish();
  };
  return (
    <input
      id={id}
      type="text"
      inputMode={FIELDS[field].type === 'float' ? 'decimal' : 'numeric'}
      data-testid={`field-${field}`}
      aria-describedby={error ? `${id}-doc ${id}-error` : `${id}-doc`}
      aria-invalid={error !== undefined}
      value={shown}
      onFocus={() => setFocused(true)}
      onBlur={() => {
        setFocused(false);
        finish();
      }}
      onKeyDown={onKeyDown}
      onChange={(event) => {
        setText(event.target.value);
        edit(event.target.value);
      }}
    />
  );
}
