import { useState } from 'react';
import { usePlayground } from '../store/usePlayground';
import { CompareDialog } from './CompareDialog';

/** The header's "Compare runs" button and the view it opens, over the page's run store. */
export function CompareRunsButton() {
  const [open, setOpen] = useState(false);
  const runStore = usePlayground((s) => s.runStore);
  const keepError = usePlayground((s) => s.keepError);
  // The list changes as runs are saved, renamed or deleted; the view reads it again then.
  const savedRuns = usePlayground((s) => s.savedRuns);
  return (
    <>
      <button type="button" data-testid="compare-runs" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Compare runs
      </button>
      {open && (
        <CompareDialog
          store={runStore}
          refusal={runStore ? null : keepError}
          listVersion={savedRuns}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
