import { ImportSection } from '../data/ImportSection';
import { usePlayground } from '../store/usePlayground';
import type { ResumePlan } from '../store/keepSlice';

/** A run trained on an import whose images were not kept: the user brings the folder back to resume. */
export function FolderRequest({ plan }: { plan: ResumePlan }) {
  const resumeWithImages = usePlayground((s) => s.resumeWithImages);
  const cancel = usePlayground((s) => s.cancelFolderRequest);
  const folder = plan.dataset.kind === 'images' ? plan.dataset.name : '';
  return (
    <div
      className="keep-dialog folder-request"
      role="dialog"
      aria-label="Import the folder again"
      data-testid="folder-request"
    >
      <p>
        <strong>{plan.name}</strong> trained on the folder “{folder}”, which was not kept in the browser.
        Import it again to resume from step {plan.step}.
      </p>
      <ImportSection
        size={plan.config.imageSize}
        channels={plan.config.channels}
        onImported={(result, name) => resumeWithImages(result.set, name)}
        dropTarget="folder-request"
      />
      <button onClick={cancel}>Cancel</button>
    </div>
  );
}
