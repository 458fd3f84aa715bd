import { useState } from 'react';
import { usePlayground } from '../store/usePlayground';
import { FolderRequest } from './FolderRequest';
import './keep.css';
import { ResumeOffer } from './ResumeOffer';
import { RunsDialog } from './RunsDialog';
import { useKeep } from './useKeep';

/** The header's "Saved runs" button, with what saving and resuming need to tell the user. */
export function KeepControls() {
  useKeep();
  const [open, setOpen] = useState(false);
  const keepError = usePlayground((s) => s.keepError);
  const folderRequest = usePlayground((s) => s.folderRequest);
  return (
    <div className="keep-controls">
      <button data-testid="runs-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        Saved runs
      </button>
      <ResumeOffer />
      {keepError && (
        <p role="alert" className="keep-error" data-testid="keep-error">
          {keepError}
        </p>
      )}
      {folderRequest && <FolderRequest plan={folderRequest} />}
      {open && <RunsDialog onClose={() => setOpen(false)} />}
    </div>
  );
}
