import { decodeCheckpoint, type CheckpointManifest } from '../../cpc/checkpoint/format';
import type { ImageSet } from '../../cpc/data/imageSet';
import { CommandRejected, type SessionTrainer } from './run';

/**
 * Checks a checkpoint against a model of its own config before the current run is touched (so a bad file
 * leaves the run as it was): its manifest, or a CommandRejected that says why it cannot be loaded.
 */
export function checkResumable(
  bytes: Uint8Array,
  restoreTrainer: (snapshot: Uint8Array, images: ImageSet) => SessionTrainer,
): CheckpointManifest {
  try {
    const manifest = decodeCheckpoint(bytes).manifest;
    const { imageSize: size, channels } = manifest.config;
    const blank: ImageSet = {
      pixels: new Uint8Array(size * size * channels),
      count: 1,
      size,
      channels,
      labels: null,
      classNames: [],
    };
    restoreTrainer(bytes, blank).dispose();
    return manifest;
  } catch (err) {
    throw new CommandRejected(
      `This checkpoint cannot be loaded: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
