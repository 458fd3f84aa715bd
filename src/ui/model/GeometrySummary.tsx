import { useMemo } from 'react';
import { resolveGeometry } from '../../cpc/geometry';
import { Explained } from '../explain/Explained';
import { usePlayground } from '../store/usePlayground';
import { geometryLines } from './geometrySummary';

/** The patch grid of the draft config, recomputed as you type, with what is wrong or doubtful about it. */
export function GeometrySummary() {
  const draft = usePlayground((s) => s.draftConfig);
  const result = useMemo(() => resolveGeometry(draft), [draft]);
  const lines = useMemo(() => geometryLines(draft, result), [draft, result]);
  return (
    <section className="geometry" aria-label="Patch-grid geometry" data-testid="geometry">
      <h3>Patch grid</h3>
      {lines.length > 0 && (
        <dl className="stats">
          {lines.map((line) => (
            <div key={line.label}>
              <dt>{line.label}</dt>
              <dd>
                <Explained text={line.explain}>{line.value}</Explained>
              </dd>
            </div>
          ))}
        </dl>
      )}
      {result.errors.length > 0 && (
        <ul className="geometry-errors" role="alert" data-testid="geometry-errors">
          {result.errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {result.warnings.length > 0 && (
        <ul className="geometry-warnings" data-testid="geometry-warnings">
          {result.warnings.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
