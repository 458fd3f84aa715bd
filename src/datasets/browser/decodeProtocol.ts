/** Messages between the importer and its decode workers (structured-cloneable; pixels are transferred). */
import type { ImportFile } from './fileSources';

export interface DecodeRequest {
  id: number;
  files: ImportFile[];
  /** Side of the square training images. */
  size: number;
  channels: 1 | 3;
}

export type DecodeOutcome =
  { path: string; pixels: Uint8Array; upscaled: boolean } | { path: string; reason: string };

export interface DecodeResponse {
  id: number;
  outcomes: DecodeOutcome[];
}
