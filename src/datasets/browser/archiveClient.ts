/** The page's side of the archive worker: one short-lived worker per file, terminated once it answers. */
import type { CheckpointFileCheck } from '../../cpc/checkpoint/format';
import type { DroppedZip } from '../droppedZip';
import type { ArchiveRequestType, ArchiveResults } from './archiveProtocol';
import { filesFromZip, type ImportFile } from './fileSources';

/** A .zip's image files, still packed; rejects with the page's sentence when the archive is refused. */
export async function unpackZipFile(file: Blob): Promise<ImportFile[]> {
  const result = await ask({ type: 'unpack-zip', file });
  if (!result.ok) throw new Error(result.message);
  return filesFromZip(file, result.entries);
}

/** A checkpoint file's manifest and bytes, or why it is refused. */
export async function readCheckpointFile(file: Blob): Promise<CheckpointFileCheck> {
  try {
    return await ask({ type: 'read-checkpoint', file });
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** A dropped .zip, opened as a checkpoint or as images by what its directory lists. */
export async function openDroppedZipFile(file: Blob): Promise<DroppedZip> {
  try {
    return await ask({ type: 'open-dropped-zip', file });
  } catch (error) {
    return { kind: 'refused', message: error instanceof Error ? error.message : String(error) };
  }
}

function ask<T extends ArchiveRequestType>(request: { type: T; file: Blob }): Promise<ArchiveResults[T]> {
  const worker = new Worker(new URL('./archive.worker.ts', import.meta.url), {
    type: 'module',
    name: 'cpc-archive',
  });
  return new Promise<ArchiveResults[T]>((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<{ type: T; result: ArchiveResults[T] }>) =>
      resolve(data.result);
    // A worker that dies (out of memory, say) answers with an error event instead.
    worker.onerror = (event) =>
      reject(new Error(`The file could not be opened: ${event.message || 'its reader stopped'}.`));
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}
