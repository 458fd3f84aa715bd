import type { CpcConfig } from '../../cpc/config';
import type { ImageSet } from '../../cpc/data/imageSet';
import type { PresetId } from '../../cpc/presets';
import type { BuiltinDatasetName } from '../../datasets/builtin';
import type { BackendChoice } from '../../worker/protocol';
import type { ProbePoint } from '../learned/probeHistory';
import type { MetricsHistory } from '../store/metricsHistory';

/**
 * What a saved run trained on. An imported folder is named as the user imported it; its pixels are kept
 * in the run store only when the user opted in (`storedImagesId`), otherwise the page asks for it again.
 * `heldOut`: the import's own split (see importSplit), which the kept pixels are packed by; absent for a
 * webcam set and for runs kept before imports had a split (those split by the run's seed).
 */
export type SavedDatasetRef =
  | { kind: 'synthetic'; count: number }
  | { kind: 'textures'; count: number }
  | { kind: 'builtin'; name: BuiltinDatasetName }
  | { kind: 'images'; name: string; storedImagesId: string | null; heldOut?: number };

/** One row of the run list: everything but the heavy parts. */
export interface SavedRunSummary {
  id: string;
  /** Editable by the user; starts as e.g. "Fashion-MNIST · CPC v2 · 27 Nov 14:02". */
  name: string;
  dataset: SavedDatasetRef;
  /** The dataset's title for the list, e.g. "Fashion-MNIST". */
  datasetTitle: string;
  presetId: PresetId | null;
  config: CpcConfig;
  backend: BackendChoice;
  step: number;
  lastProbe: ProbePoint | null;
  /** Checkpoint bytes (stored images are counted separately, in `storedImagesBytes`). */
  checkpointBytes: number;
  storedImagesBytes: number;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
}

/** A whole saved run: the checkpoint zip (weights, optimizer state, step, config) and its curves. */
export interface SavedRun extends SavedRunSummary {
  checkpoint: Uint8Array;
  history: MetricsHistory;
  probeHistory: ProbePoint[];
}

/**
 * Where runs are kept (IndexedDB in the page, a map in tests). Every method rejects with an Error whose
 * message can be shown as it is (quota exceeded, storage refused in private mode, …).
 */
export interface RunStore {
  /** Newest first (by updatedAt). */
  list(): Promise<SavedRunSummary[]>;
  get(id: string): Promise<SavedRun | null>;
  /** Inserts or replaces the run with this id. */
  save(run: SavedRun): Promise<void>;
  rename(id: string, name: string): Promise<void>;
  /** Deletes the run and any images stored for it alone. */
  remove(id: string): Promise<void>;
  saveImages(id: string, images: ImageSet): Promise<void>;
  loadImages(id: string): Promise<ImageSet | null>;
}
