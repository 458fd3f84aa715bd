import type { DropNotice } from './actOnDrop';
import { PageDropOverlay } from './PageDropOverlay';
import { usePageDrop } from './usePageDrop';

/**
 * Drop anywhere: mounts the page-wide drop handler, the overlay that says what a drop will do, and the
 * line that says what became of one that could not be used.
 */
export function PageDrop() {
  const { hint, notice, dismissNotice } = usePageDrop();
  return (
    <>
      {hint !== null && <PageDropOverlay hint={hint} />}
      {notice && <DropNoticeLine notice={notice} onDismiss={dismissNotice} />}
    </>
  );
}

function DropNoticeLine({ notice, onDismiss }: { notice: DropNotice; onDismiss: () => void }) {
  if (notice.kind === 'opening')
    return (
      <p className="drop-notice" data-testid="drop-message" role="status">
        Opening {notice.name}…
      </p>
    );
  return (
    <p className="drop-notice" data-testid="drop-message" role="alert">
      {notice.message}{' '}
      <button type="button" className="quiet" onClick={onDismiss}>
        Dismiss
      </button>
    </p>
  );
}
