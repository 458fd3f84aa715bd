/** A decode worker: answers each batch of files with one outcome per file, pixels transferred. */
import type { DecodeRequest, DecodeResponse } from './decodeProtocol';
import { decodeImageFile } from './decodeImageFile';

self.onmessage = async (message: MessageEvent<DecodeRequest>) => {
  const { id, files, size, channels } = message.data;
  const outcomes: DecodeResponse['outcomes'] = [];
  // One file at a time: a worker holds at most one full-size decoded picture.
  for (const { path, file } of files) {
    try {
      outcomes.push(await decodeImageFile(path, file, size, channels));
    } catch (error) {
      outcomes.push({
        path,
        reason: `could not read: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  const transfer = outcomes.flatMap((o) => ('pixels' in o ? [o.pixels.buffer as ArrayBuffer] : []));
  self.postMessage({ id, outcomes } satisfies DecodeResponse, { transfer });
};
