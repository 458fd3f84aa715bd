/** The archive worker: opens one untrusted file per request, with the limits of its kind. */
import { checkCheckpointFile, checkpointSizeProblem } from '../../cpc/checkpoint/format';
import { droppedZipSizeProblem, openDroppedZip } from '../droppedZip';
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
    case 'open-dropped-zip': {
      const tooLarge = droppedZipSizeProblem(request.file.size);
      const result = tooLarge
        ? { kind: 'refused' as const, message: tooLarge }
        : openDroppedZip(new Uint8Array(await request.file.arrayBuffer()));
      return { type: 'open-dropped-zip', result };
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

function transferables(response: ArchiveResponse): ArrayBuffer[] {
  const bytes = answerBytes(response);
  return bytes ? [bytes.buffer as ArrayBuffer] : [];
}

/** The one large buffer an answer carries, if any. */
function answerBytes({ type, result }: ArchiveResponse): Uint8Array | null {
  if (type === 'open-dropped-zip') {
    if (result.kind === 'images') return result.zip.data;
    return result.kind === 'checkpoint' && result.check.ok ? result.check.bytes : null;
  }
  if (!result.ok) return null;
  return 'zip' in result ? result.zip.data : result.bytes;
}
