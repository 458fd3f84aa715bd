/** Messages between the importer and its assemble worker (structured-cloneable; pixels are transferred or shared). */
import type { DecodeOutcome, ImportResult } from '../assembleImport';

export type AssembleRequest =
  /**
   * Before any outcome: how many files, at most, will come, and the images' shape. `store`: write the
   * images to disk as they come (./storedImports.ts), where this worker can.
   */
  | { kind: 'begin'; files: number; size: number; channels: 1 | 3; store: boolean }
  /** Decoded files, forwarded as each decode worker answers. */
  | { kind: 'outcomes'; outcomes: DecodeOutcome[] }
  /** Every file is in: pack them into one set. */
  | { kind: 'assemble'; size: number; channels: 1 | 3 };

/**
 * `spare`: a copy of the set's pixels, made here, for the training worker (see ./spareCopies.ts); null
 * when the set is shared (../sharedPixels.ts), which the training worker reads as it is.
 */
export type AssembleResponse = { result: ImportResult; spare: Uint8Array | null } | { error: string };
