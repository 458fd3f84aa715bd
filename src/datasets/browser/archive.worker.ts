/** The archive worker: opens one untrusted file per request, with the limits of its kind. */
import { checkCheckpointFile, checkpointSizeProblem } from '../../cpc/checkpoint/format';
import { unpackImportZip, zipSizeProblem } from '../zipImport';
import type { ArchiveRequest, ArchiveResponse, UnpackZipResult } from './archiveProtocol';

self.onmessage = async ({ data: request }: MessageEvent<ArchiveRequest>) => {
  const response = await answer(request);
  self.postMessage(response, { transfer: transferables(response) });
};

async function answer(request: ArchiveRequest): Promise<ArchiveResponse> {
  switch (request.type) {
    case 'unpack-zip':
      return { type: 'unpack-zip', result: await unpackZip(request.file) };
    case 'read-checkpoint': {
      const tooLarge = checkpointSizeProblem(request.file.size);
      const result = tooLarge
        ? { ok: false as const, message: tooLarge }
        : checkCheckpointFile(new Uint8Array(await request.file.arrayBuffer()));
      return { type: 'read-checkpoint', result };
    }
  }
}

async function unpackZip(file: Blob): Promise<UnpackZipResult> {
  const tooLarge = zipSizeProblem(file.size);
  if (tooLarge) return { ok: false, message: tooLarge };
  try {
    return { ok: true, zip: unpackImportZip(new Uint8Array(await file.arrayBuffer())) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function transferables({ result }: ArchiveResponse): ArrayBuffer[] {
  if (!result.ok) return [];
  return [('zip' in result ? result.zip.data : result.bytes).buffer as ArrayBuffer];
}
