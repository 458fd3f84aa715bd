/** Messages between the importer and its decode workers (structured-cloneable; pixels are transferred). */
import type { DecodeOutcome } from '../assembleImport';

export type { DecodeOutcome };
import type { ImportFile } from './fileSources';

export interface DecodeRequest {
  id: number;
  files: ImportFile[];
  /** Side of the square training images. */
  size: number;
  channels: 1 | 3;
}

export interface DecodeResponse {
  id: number;
  outcomes: DecodeOutcome[];
  /** Set when a .zip entry is damaged: the page's sentence, and the import stops. */
  refused?: string;
}
