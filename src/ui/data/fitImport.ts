import type { CpcConfig } from '../../cpc/config';
import { isStored, type ImageSet } from '../../cpc/data/imageSet';
import { fitConfigToImages, type FittedConfig } from '../../cpc/fitConfig';
import { TEXTURES_NATIVE_SIDE } from '../../cpc/data/textures';
import { adaptImageSet } from '../../datasets/adaptImageSet';
import type { ImportResult } from '../../datasets/assembleImport';
import { sharedLike } from '../../datasets/sharedPixels';

/**
 * Imports in the Data panel are decoded at the largest fitted size, in colour, before the config is
 * fitted: shrinking to the fitted size and dropping colour afterwards is cheap and loses nothing.
 */
export const FIT_DECODE = { size: 64, channels: 3 } as const;

/** An import ready to train on: the config fitted to it, why, and the set at that config's size. */
export interface FittedImport extends FittedConfig {
  set: ImageSet;
}

/**
 * Fits `base` to what an import holds (its native size, colour or not) and adapts the set to it. An
 * adapted copy of a shared set is shared too, so the training worker reads it without a copy of its own.
 */
export function fitImport(result: ImportResult, base: CpcConfig): FittedImport {
  const stats = { nativeSide: result.nativeSide, colour: result.colour };
  const { config, reasons } = fitConfigToImages(stats, base);
  // A set kept on disk cannot be read here: the training worker adapts it when the sizes differ.
  if (isStored(result.set.pixels)) return { config, reasons, set: result.set };
  const set = adaptImageSet(result.set, config.imageSize, config.channels);
  return { config, reasons, set: sharedLike(set, result.set.pixels) };
}

/** The generated colour textures: 32 px, in colour with the colour augmentations on. */
export function fitTextures(base: CpcConfig): FittedConfig {
  return fitConfigToImages({ nativeSide: TEXTURES_NATIVE_SIDE, colour: true }, base);
}

/** Side of the built-in sets (Fashion-MNIST and MNIST are 28 px grayscale). */
const BUILTIN_SIDE = 28;

/**
 * A built-in set after a fitted import or the textures: back to 28 px grayscale, or null when the config
 * already fits (the usual case: nothing to ask, nothing to rebuild).
 */
export function fitBuiltin(base: CpcConfig): FittedConfig | null {
  if (base.imageSize === BUILTIN_SIDE && base.channels === 1) return null;
  return fitConfigToImages({ nativeSide: BUILTIN_SIDE, colour: false }, base);
}
