interface Props {
  images: number;
  classNames: readonly string[];
  classCounts: readonly number[];
  skipped: number;
  /** Extra facts in words (split sizes, load time, upscaled images). */
  notes?: readonly string[];
}

/** Images, classes with counts, skipped count; an unlabelled set says why the probes are hidden. */
export function DatasetSummary({ images, classNames, classCounts, skipped, notes = [] }: Props) {
  return (
    <div className="dataset-summary" data-testid="dataset-summary">
      <p>
        <span data-testid="summary-images">{images}</span> images ·{' '}
        <span data-testid="summary-classes">{classNames.length}</span> classes ·{' '}
        <span data-testid="summary-skipped">{skipped}</span> skipped
      </p>
      {classNames.length > 0 ? (
        <ul className="class-counts">
          {classNames.map((name, i) => (
            <li key={name} data-testid="class-count" data-class={name}>
              <span className="class-name" title={name}>
                {name}:
              </span>{' '}
              <span className="class-total">{classCounts[i]}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="unlabelled-note">
          No class folders, so the set is unlabelled: self-supervised training works, but the probes are
          hidden because they need a label for every image.
        </p>
      )}
      {notes.map((note) => (
        <p key={note} className="dataset-note">
          {note}
        </p>
      ))}
    </div>
  );
}
