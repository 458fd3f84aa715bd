/** The archive worker: opens one untrusted file per request, with the limits of its kind. */
import { checkCheckpointFile, checkpointSizeProblem } from '../../cpc/checkpoint/format';
import { droppedZipSizeProblem, openDroppedZip } from '../droppedZip';
import { listImportZip } from '../zipImport';
import { readBlobAt } from './blobReader';
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
        : await openDroppedZip(readBlobAt(request.file), request.file.size);
      return { type: 'open-dropped-zip', result };
    }
  }
}

async function unpackZip(file: Blob): Promise<UnpackZipResult> {
  try {
    return { ok: true, entries: await listImportZip(readBlobAt(file), file.size) };
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
  if (type === 'open-dropped-zip')
    return result.kind === 'checkpoint' && result.check.ok ? result.check.bytes : null;
  if (!result.ok) return null;
  return 'bytes' in result ? result.bytes : null;
}
