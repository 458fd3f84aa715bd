import { adaptImageSet } from '../../datasets/adaptImageSet';
import { ImportSection } from '../data/ImportSection';
import { useImageImport } from '../data/useImageImport';
import { usePlayground } from '../store/usePlayground';
import type { ResumePlan } from '../store/resumeSlice';

/** A run trained on an import whose images were not kept: the user brings the folder back to resume. */
export function FolderRequest({ plan }: { plan: ResumePlan }) {
  const resumeWithImages = usePlayground((s) => s.resumeWithImages);
  const cancel = usePlayground((s) => s.cancelFolderRequest);
  const { imageSize, channels } = plan.config;
  const importer = useImageImport(imageSize, channels, (result, name) =>
    resumeWithImages(result.set, name, result.heldOut),
  );
  const folder = plan.dataset.kind === 'images' ? plan.dataset.name : '';
  // The Data panel's import, if it has the folder's name, is offered: no need to pick it again.
  const kept = usePlayground((s) => (s.keptImport?.name === folder ? s.keptImport : null));
  return (
    <div
      className="keep-dialog folder-request"
      role="dialog"
      aria-label="Import the folder again"
      data-testid="folder-request"
    >
      <p>
        <strong>{plan.name}</strong> trained on the folder “{folder}”, which was not kept with the run. Import
        it again to resume from step {plan.step}.
      </p>
      {kept && (
        <p>
          <button
            data-testid="folder-request-use-kept"
            onClick={() =>
              resumeWithImages(
                adaptImageSet(kept.result.set, imageSize, channels),
                kept.name,
                kept.result.heldOut,
              )
            }
          >
            Use “{kept.name}” ({kept.result.set.count} images), imported on this page
          </button>
        </p>
      )}
      <ImportSection importer={importer} trainingSize={imageSize} dropTarget="folder-request" />
      <button onClick={cancel}>Cancel</button>
    </div>
  );
}
