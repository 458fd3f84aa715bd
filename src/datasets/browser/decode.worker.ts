/**
 * A decode worker: answers each batch of files with one outcome per file, pixels transferred. A file
 * still packed in a .zip is read and inflated here first; a damaged entry refuses the whole import.
 */
import { readImportEntry } from '../zipImport';
import { readBlobAt } from './blobReader';
import type { DecodeRequest, DecodeResponse } from './decodeProtocol';
import { decodeImageFile } from './decodeImageFile';
import type { ImportFile } from './fileSources';

self.onmessage = async (message: MessageEvent<DecodeRequest>) => {
  const { id, files, size, channels } = message.data;
  const outcomes: DecodeResponse['outcomes'] = [];
  // One file at a time: a worker holds at most one full-size decoded picture.
  for (const importFile of files) {
    let file: Blob;
    try {
      file = await unpacked(importFile);
    } catch (error) {
      const refused = error instanceof Error ? error.message : String(error);
      self.postMessage({ id, outcomes: [], refused } satisfies DecodeResponse);
      return;
    }
    outcomes.push(await decodeOne(importFile.path, file, size, channels));
  }
  const transfer = outcomes.flatMap((o) => ('pixels' in o ? [o.pixels.buffer as ArrayBuffer] : []));
  self.postMessage({ id, outcomes } satisfies DecodeResponse, { transfer });
};

async function unpacked({ file, packed }: ImportFile): Promise<Blob> {
  return packed ? new Blob([(await readImportEntry(readBlobAt(file), file.size, packed)) as BlobPart]) : file;
}

async function decodeOne(
  path: string,
  file: Blob,
  size: number,
  channels: 1 | 3,
): Promise<DecodeResponse['outcomes'][number]> {
  try {
    return await decodeImageFile(path, file, size, channels);
  } catch (error) {
    return { path, reason: `could not read: ${error instanceof Error ? error.message : String(error)}` };
  }
}
