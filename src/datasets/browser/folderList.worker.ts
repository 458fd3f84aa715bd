/** Lists a picked folder off the page's main thread: the page gets paths, not 10,000 handles to collect. */
import { pathsInFolder, type DirectoryHandleLike } from './pickedFolder';

export type FolderListAnswer = { paths: string[] } | { error: string };

self.onmessage = async ({ data: folder }: MessageEvent<DirectoryHandleLike>) => {
  let answer: FolderListAnswer;
  try {
    answer = { paths: await pathsInFolder(folder) };
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(answer);
};
