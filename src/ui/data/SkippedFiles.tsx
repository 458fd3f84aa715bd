import type { SkippedFile } from '../../datasets/assembleImport';

/** Enough to act on without rendering tens of thousands of rows. */
const SHOWN = 500;

export function SkippedFiles({ skipped }: { skipped: readonly SkippedFile[] }) {
  if (skipped.length === 0) return null;
  return (
    <details className="skipped-files" open={skipped.length <= 20}>
      <summary>
        {skipped.length} file{skipped.length === 1 ? '' : 's'} skipped
      </summary>
      <ul data-testid="skipped-files">
        {skipped.slice(0, SHOWN).map(({ path, reason }) => (
          <li key={path} data-path={path}>
            <code>{path}</code>: {reason}
          </li>
        ))}
      </ul>
      {skipped.length > SHOWN && <p>…and {skipped.length - SHOWN} more.</p>}
    </details>
  );
}
