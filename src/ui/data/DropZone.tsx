import { useState, type DragEvent } from 'react';
import { unpackZipFile } from '../../datasets/browser/archiveClient';
import {
  filesFromEntries,
  filesFromPicker,
  isZipName,
  type EntryLike,
  type ImportFile,
} from '../../datasets/browser/fileSources';

interface Props {
  disabled: boolean;
  /** `listFiles` reads the files lazily, so the caller can show progress while it does. */
  onFiles: (name: string, listFiles: () => Promise<ImportFile[]>) => void;
}

/** Drop a folder, many files or a .zip here, or pick a folder (or files / a .zip) with the inputs. */
export function DropZone({ disabled, onFiles }: Props) {
  const [over, setOver] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    // Entries must be taken now: the DataTransfer is emptied once this handler returns.
    const entries = Array.from(event.dataTransfer.items)
      .map((item) => item.webkitGetAsEntry())
      .filter((entry): entry is FileSystemEntry => entry !== null);
    const files = Array.from(event.dataTransfer.files);
    if (entries.length === 0) return;
    if (entries.length === 1 && entries[0].isFile && isZipName(entries[0].name)) {
      onFiles(entries[0].name, () => unpackZipFile(files[0]));
    } else {
      const name = entries.length === 1 ? entries[0].name : `${entries.length} dropped items`;
      onFiles(name, () => filesFromEntries(entries as unknown as EntryLike[]));
    }
  };

  const onPick = (list: FileList | null) => {
    const files = Array.from(list ?? []);
    if (files.length === 0) return;
    if (files.length === 1 && isZipName(files[0].name)) onFiles(files[0].name, () => unpackZipFile(files[0]));
    else {
      const root = files[0].webkitRelativePath.split('/')[0] || `${files.length} files`;
      onFiles(root, async () => filesFromPicker(files));
    }
  };

  return (
    <div
      className={over ? 'drop-zone drop-zone-over' : 'drop-zone'}
      data-testid="dataset-drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p>Drop a folder of images (one subfolder per class), many images, or a .zip here.</p>
      <label>
        Pick a folder{' '}
        <input
          type="file"
          data-testid="dataset-folder-input"
          multiple
          disabled={disabled}
          {...{ webkitdirectory: '' }}
          onChange={(event) => onPick(event.target.files)}
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
          onChange={(event) => onPick(event.target.files)}
        />
      </label>
    </div>
  );
}
