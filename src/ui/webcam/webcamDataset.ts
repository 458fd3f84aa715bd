import type { CpcConfig } from '../../cpc/config';
import { fitConfigToImages, isColourSet, type FittedConfig } from '../../cpc/fitConfig';
import { adaptImageSet } from '../../datasets/adaptImageSet';
import type { DatasetSpec } from '../../worker/protocol';
import { FRAME_SIDE, recordingToImageSet, type Recording } from './recordedClasses';

/** The name a recorded set trains and is saved under: it says where the images came from. */
export function webcamSetName(recording: Recording): string {
  return `Webcam: ${recording.classes.map((c) => c.name.trim()).join(', ')}`;
}

/**
 * The recording as a set to train on, with the config fitted to it as for an imported folder (size and
 * colour). It is an ordinary 'images' spec, so it trains, probes and is kept with a run as an import is.
 */
export function webcamDataset(
  recording: Recording,
  base: CpcConfig,
): { spec: DatasetSpec; fit: FittedConfig } {
  const recorded = recordingToImageSet(recording);
  const fit = fitConfigToImages({ nativeSide: FRAME_SIDE, colour: isColourSet(recorded) }, base);
  const set = adaptImageSet(recorded, fit.config.imageSize, fit.config.channels);
  return { spec: { kind: 'images', name: webcamSetName(recording), set }, fit };
}
