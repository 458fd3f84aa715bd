import { useRef, type MouseEvent } from 'react';
import { unpackZipFile } from '../../datasets/browser/archiveClient';
import { filesFromPicker, isZipName, type ImportFile } from '../../datasets/browser/fileSources';
import { listPickedFolder } from '../../datasets/browser/folderListClient';
import { directoryPicker, isPickCancelled, markPickerRefused, PICKER_OPTIONS } from './directoryPicker';

interface Props {
  disabled: boolean;
  /** `listFiles` reads the files lazily, so the caller can show progress while it does. */
  onFiles: (name: string, listFiles: () => Promise<ImportFile[]>) => void;
}

/**
 * Where to drop, and the pickers for those who cannot drag (keyboard users). The drop itself is the page's
 * one handler (src/ui/drop/): a drop here is a drop anywhere, so nothing is handled twice.
 */
export function DropZone({ disabled, onFiles }: Props) {
  const folderInput = useRef<HTMLInputElement>(null);
  const onPick = (input: HTMLInputElement) => {
    const files = Array.from(input.files ?? []);
    // The input would hold its FileList until the next pick: at 10,000 files, 24 MiB of the tab's memory
    // after the import ended (docs/benchmarks.md, round 13). Emptied, it also fires again for the same folder.
    input.value = '';
    if (files.length === 0) return;
    if (files.length === 1 && isZipName(files[0].name)) onFiles(files[0].name, () => unpackZipFile(files[0]));
    else {
      const root = files[0].webkitRelativePath.split('/')[0] || `${files.length} files`;
      onFiles(root, async () => filesFromPicker(files));
    }
  };

  // Where the browser has showDirectoryPicker, the folder input opens it instead of its own dialog.
  const onFolderClick = (event: MouseEvent<HTMLInputElement>) => {
    const pick = directoryPicker();
    if (!pick) return;
    event.preventDefault();
    pick(PICKER_OPTIONS).then(
      (folder) => onFiles(folder.name, () => listPickedFolder(folder)),
      (error: unknown) => {
        if (isPickCancelled(error)) return;
        // Refused (a policy, a sandboxed frame): the input's own dialog, now and from then on.
        markPickerRefused();
        folderInput.current?.click();
      },
    );
  };

  return (
    <div className="drop-zone" data-testid="dataset-drop-zone">
      <p>Drop a folder of images (one subfolder per class), many images, or a .zip anywhere on the page.</p>
      <label>
        Pick a folder{' '}
        <input
          type="file"
          ref={folderInput}
          data-testid="dataset-folder-input"
          multiple
          disabled={disabled}
          {...{ webkitdirectory: '' }}
          onClick={onFolderClick}
          onChange={(event) => onPick(event.target)}
        />
      </label>
      <label>
        or files / a .zip{' '}
        <input
          type="file"
          data-testid="dataset-files-input"
          multiple
          accept="image/*,.zip"
          disabled={disabled}
          onChange={(event) => onPick(event.target)}
        />
      </label>
    </div>
  );
}
