import type { ImageSet } from '../data/imageSet';
import type { CpcModel } from './cpcModel';
import { embedImageFeatures, type ImageFeature } from './imageFeatures';

/**
 * One vector per image (see imageFeatures.ts for the choices), computed without augmentation and with
 * normalisation in evaluation mode. Returns [count, dim] row-major.
 */
export async function embedImages(
  model: CpcModel,
  set: ImageSet,
  feature: ImageFeature,
  indices?: ArrayLike<number>,
): Promise<Float32Array> {
  return (await embedImageFeatures(model, set, [feature], indices)).get(feature)!;
}
