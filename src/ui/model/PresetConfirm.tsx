import { useEffect, useId, useRef } from 'react';

interface Props {
  question: string;
  onRebuild: () => void;
  onCancel: () => void;
}

/** The one question a preset asks after training started: rebuild (losing the steps) or keep the run. */
export function PresetConfirm({ question, onRebuild, onCancel }: Props) {
  const titleId = useId();
  const rebuild = useRef<HTMLButtonElement>(null);
  // Focus moves to the answer, so a keyboard user who changed the select can confirm with Enter.
  useEffect(() => rebuild.current?.focus(), []);
  return (
    <div
      role="alertdialog"
      aria-labelledby={titleId}
      className="preset-confirm"
      data-testid="preset-confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <p id={titleId}>{question}</p>
      <div className="button-row">
        <button ref={rebuild} className="primary" data-testid="preset-confirm-rebuild" onClick={onRebuild}>
          Rebuild
        </button>
        <button data-testid="preset-confirm-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
