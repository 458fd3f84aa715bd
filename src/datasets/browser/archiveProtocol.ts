/**
 * Messages to the archive worker, which opens files nobody vouches for (a dropped .zip, a checkpoint) off
 * the page's main thread. One request per worker; the answer's buffers are transferred.
 */
import type { CheckpointFileCheck } from '../../cpc/checkpoint/format';
import type { DroppedZip } from '../droppedZip';
import type { UnpackedZip } from '../zipImport';

export type UnpackZipResult = { ok: true; zip: UnpackedZip } | { ok: false; message: string };

/** Each request type's one result type. */
export interface ArchiveResults {
  'unpack-zip': UnpackZipResult;
  'read-checkpoint': CheckpointFileCheck;
  /** A .zip dropped on the page: a checkpoint or images, as its directory says. */
  'open-dropped-zip': DroppedZip;
}
export type ArchiveRequestType = keyof ArchiveResults;

export type ArchiveRequest = { [K in ArchiveRequestType]: { type: K; file: Blob } }[ArchiveRequestType];
export type ArchiveResponse = {
  [K in ArchiveRequestType]: { type: K; result: ArchiveResults[K] };
}[ArchiveRequestType];
