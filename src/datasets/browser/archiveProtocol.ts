/**
 * Messages to the archive worker, which opens files nobody vouches for (a dropped .zip, a checkpoint) off
 * the page's main thread. One request per worker; the answer's buffers are transferred. A .zip of images
 * is only listed here: the decode workers read its entries.
 */
import type { CheckpointFileCheck } from '../../cpc/checkpoint/format';
import type { DroppedZip } from '../droppedZip';
import type { ZipEntry } from '../../cpc/archive/zipReader';

/** A picked .zip's importable entries (read later from the file itself), or why it is refused. */
export type UnpackZipResult = { ok: true; entries: ZipEntry[] } | { ok: false; message: string };

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
