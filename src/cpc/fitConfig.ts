import { DEFAULT_CONFIG, type CpcConfig } from './config';
import { imageAt, imageBytes, type ImageSet } from './data/imageSet';

/** What a data set tells about the config that fits it. */
export interface ImageStats {
  /** Median side of the images' centre squares before resizing; null when unknown. */
  nativeSide: number | null;
  /** Whether the images carry colour (see isColourSet). */
  colour: boolean;
}

/** Training sizes with a 50%-overlap grid that fits them (CPC-NOTES' table of small-image grids). */
const SIZES = [
  { size: 28, patchSize: 8, patchStride: 4 }, // 6×6
  { size: 32, patchSize: 8, patchStride: 4 }, // 7×7
  { size: 48, patchSize: 12, patchStride: 6 }, // 7×7
  { size: 64, patchSize: 16, patchStride: 8 }, // 7×7
] as const;

/**
 * Colour augmentation for colour data. Without it the encoder matches patches by colour alone, and each
 * image's colours are the cheapest way to tell its patches from other images' (colour textures, 600 steps:
 * 20.9% linear probe without, 74.0% with these three, random init 40.7%; docs/quality.md).
 */
const COLOUR_AUGMENTATION = { augColorDrop: 0.5, augGrayscale: 0.5, augColorJitter: 0.5 } as const;

export interface FittedConfig {
  config: CpcConfig;
  /** One line per choice, in words for the page and the runner's log. */
  reasons: string[];
}

/**
 * The config that fits a data set: colour stays colour (with colour dropping on), and the training size
 * is the largest of 28, 32, 48 and 64 px that the images reach, with a 50%-overlap grid cut for it.
 * Everything else comes from `base`.
 */
export function fitConfigToImages(stats: ImageStats, base: CpcConfig = DEFAULT_CONFIG): FittedConfig {
  const reasons: string[] = [];
  const channels = stats.colour ? 3 : 1;
  reasons.push(
    stats.colour
      ? 'The images are in colour: training in colour (3 channels), with colour dropping, grayscale and colour jitter per patch at 0.5, so that patches cannot be matched by their colour alone.'
      : 'The images are grayscale: training on 1 channel.',
  );
  const side = stats.nativeSide ?? base.imageSize;
  const fit = [...SIZES].reverse().find((s) => s.size <= side) ?? SIZES[0];
  const grid = Math.floor((fit.size - fit.patchSize) / fit.patchStride) + 1;
  reasons.push(
    stats.nativeSide === null
      ? `Image size ${fit.size} px.`
      : `The images are about ${stats.nativeSide} px: training at ${fit.size} px, a ${grid}×${grid} grid of ${fit.patchSize} px patches (stride ${fit.patchStride}, 50% overlap).`,
  );
  const config: CpcConfig = {
    ...base,
    channels,
    imageSize: fit.size,
    patchSize: fit.patchSize,
    patchStride: fit.patchStride,
    kMax: Math.min(base.kMax, grid - 1),
    ...(stats.colour ? strongest(base, COLOUR_AUGMENTATION) : {}),
  };
  return { config, reasons };
}

/** Each augmentation at least as strong as `floor` asks. */
function strongest(base: CpcConfig, floor: typeof COLOUR_AUGMENTATION): Partial<CpcConfig> {
  return {
    augColorDrop: Math.max(base.augColorDrop, floor.augColorDrop),
    augGrayscale: Math.max(base.augGrayscale, floor.augGrayscale),
    augColorJitter: Math.max(base.augColorJitter, floor.augColorJitter),
  };
}

/** Mean per-pixel channel spread (max − min of R, G, B) above which an image counts as coloured. */
const COLOUR_SPREAD = 12;
/** Share of coloured images above which a set trains in colour. */
const COLOUR_SHARE = 0.1;

/** Whether an RGB set carries colour: at least 10% of its images are more than faintly tinted. */
export function isColourSet(set: ImageSet): boolean {
  if (set.channels === 1 || set.count === 0) return false;
  const scratch = new Uint8Array(imageBytes(set)); // a stored image is read into it
  let coloured = 0;
  for (let n = 0; n < set.count; n++) if (isColourImage(imageAt(set, n, scratch))) coloured++;
  return coloured >= COLOUR_SHARE * set.count;
}

/** Whether one RGB image ([size, size, 3] bytes) is more than faintly tinted. */
export function isColourImage(image: Uint8Array): boolean {
  let spread = 0;
  // Plain locals, not a destructured array: this runs for every pixel of a 10,000-image import.
  for (let i = 0; i < image.length; i += 3) {
    const r = image[i];
    const g = image[i + 1];
    const b = image[i + 2];
    spread += Math.max(r, g, b) - Math.min(r, g, b);
  }
  return spread / (image.length / 3) > COLOUR_SPREAD;
}

/** The median of a list of sides; null for none. */
export function medianSide(sides: readonly number[]): number | null {
  if (sides.length === 0) return null;
  const sorted = [...sides].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
