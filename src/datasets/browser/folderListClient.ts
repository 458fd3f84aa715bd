/** The page's side of the folder-list worker: one short-lived worker per picked folder. */
import type { FolderListAnswer } from './folderList.worker';
import { filesInFolder, type DirectoryHandleLike, type FolderFile } from './pickedFolder';

/** A picked folder's files, for the decode workers to open; rejects with the page's sentence. */
export function listPickedFolder(folder: DirectoryHandleLike): Promise<FolderFile[]> {
  const worker = new Worker(new URL('./folderList.worker.ts', import.meta.url), {
    type: 'module',
    name: 'cpc-folder-list',
  });
  return new Promise<FolderFile[]>((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<FolderListAnswer>) =>
      'error' in data ? reject(new Error(data.error)) : resolve(filesInFolder(folder, data.paths));
    worker.onerror = (event) =>
      reject(new Error(`The folder could not be listed: ${event.message || 'its reader stopped'}.`));
    worker.postMessage(folder);
  }).finally(() => worker.terminate());
}
