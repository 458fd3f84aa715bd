interface Props {
  done: number;
  total: number;
  onCancel: () => void;
}

export function ImportProgress({ done, total, onCancel }: Props) {
  return (
    <div className="import-progress" data-testid="import-progress">
      <progress max={Math.max(1, total)} value={done} />
      <span>
        {done} / {total} files
      </span>
      <button data-testid="import-cancel" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
