import type { CpcConfig } from '../../cpc/config';
import type { ImageSet } from '../../cpc/data/imageSet';
import type { PresetId } from '../../cpc/presets';
import type { BackendChoice } from '../../worker/protocol';
import type { ProbePoint } from '../learned/probeHistory';
import type { MetricsHistory } from '../store/metricsHistory';
import { dropRowsAfter } from '../store/metricsHistory';
import type { PlaygroundState } from '../store/types';
import { datasetRefOf, datasetTitleOf } from './datasetRef';
import { defaultRunName } from './runIdentity';
import type { SavedDatasetRef, SavedRun } from './savedRun';

/** A `save-checkpoint` sent and not answered yet: the run as it was when the request left. */
export interface PendingSave {
  requestId: number;
  runId: string;
  name: string;
  dataset: SavedDatasetRef;
  datasetTitle: string;
  /** The imported set to keep beside the run (opted in, not stored yet), else null. */
  imagesToKeep: ImageSet | null;
  storedImagesBytes: number;
  presetId: PresetId | null;
  config: CpcConfig;
  backend: BackendChoice;
  history: MetricsHistory;
  probeHistory: ProbePoint[];
  createdAt: number;
}

/** The page's run as a save request leaves; an opted-in import is stored once per run, under its id. */
export function pendingSaveOf(s: PlaygroundState, requestId: number): PendingSave {
  const images = s.dataset.kind === 'images' && s.keepImages ? s.dataset.set : null;
  const dataset = datasetRefOf(s.dataset, images ? s.runId : null);
  const datasetTitle = datasetTitleOf(dataset);
  return {
    requestId,
    runId: s.runId,
    name: s.runName ?? defaultRunName(datasetTitle, s.presetId, s.runCreatedAt),
    dataset,
    datasetTitle,
    imagesToKeep: images && s.imagesKeptFor !== s.runId ? images : null,
    storedImagesBytes: images?.pixels.length ?? 0,
    presetId: s.presetId,
    config: s.appliedConfig,
    backend: s.backendChoice,
    history: s.history,
    probeHistory: s.probeHistory,
    createdAt: s.runCreatedAt,
  };
}

/** The run to store once the worker answered with the checkpoint of `step`. */
export function savedRunOf(pending: PendingSave, step: number, bytes: Uint8Array, now: number): SavedRun {
  const probeHistory = pending.probeHistory.filter((p) => p.step <= step);
  return {
    id: pending.runId,
    name: pending.name,
    dataset: pending.dataset,
    datasetTitle: pending.datasetTitle,
    presetId: pending.presetId,
    config: pending.config,
    backend: pending.backend,
    step,
    lastProbe: probeHistory[probeHistory.length - 1] ?? null,
    checkpointBytes: bytes.byteLength,
    storedImagesBytes: pending.storedImagesBytes,
    createdAt: pending.createdAt,
    updatedAt: now,
    checkpoint: bytes,
    history: dropRowsAfter(pending.history, step),
    probeHistory,
  };
}
