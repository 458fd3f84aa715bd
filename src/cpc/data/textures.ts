import { createRng, type Rng } from '../random';
import type { ImageSet } from './imageSet';
import { writeImageBytes } from './rgbBytes';
import { randomPattern, TEXTURE_CLASSES, type Pattern } from './texturePatterns';

export { TEXTURE_CLASSES, type TextureClass } from './texturePatterns';

/**
 * "Colour textures": ten classes told apart only by structure (stripes, checks, dots, rings, blobs…).
 * Each image paints its pattern in two random colours drawn independently of the class, with a random
 * phase, a small tilt, and pixel noise, so neither mean colour nor any fixed pixel predicts the label:
 * a linear probe on raw pixels does poorly, while features of local structure (what CPC learns from
 * patches) separate the classes.
 */
/** Side the textures are generated at when a config is fitted to them (page and runner alike). */
export const TEXTURES_NATIVE_SIDE = 32;

export interface TextureOptions {
  count: number;
  size: number;
  seed: number;
  channels?: 1 | 3;
}

/** Supersampling per axis, for anti-aliased edges. */
const SUPERSAMPLE = 2;
/** Smallest luma gap between an image's two colours, so the pattern survives grayscale. */
const MIN_LUMA_GAP = 0.3;

export function generateTextures({ count, size, seed, channels = 3 }: TextureOptions): ImageSet {
  const rng = createRng(seed);
  const pixels = new Uint8Array(count * size * size * channels);
  const labels = new Int32Array(count);
  const rgb = new Float32Array(size * size * 3);
  for (let i = 0; i < count; i++) {
    const label = i % TEXTURE_CLASSES.length; // balanced classes
    labels[i] = label;
    drawTexture(rgb, size, randomPattern(TEXTURE_CLASSES[label], rng, size), rng);
    writeImageBytes(pixels, i * size * size * channels, rgb, channels);
  }
  return { pixels, count, size, channels, labels, classNames: [...TEXTURE_CLASSES] };
}

function drawTexture(rgb: Float32Array, size: number, pattern: Pattern, rng: Rng): void {
  const [fg, bg] = colourPair(rng);
  const noise = rng.uniform(0.02, 0.06);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cover = coverage(pattern, x, y);
      const o = (y * size + x) * 3;
      for (let c = 0; c < 3; c++) rgb[o + c] = bg[c] + cover * (fg[c] - bg[c]) + noise * rng.normal();
    }
  }
}

/** Share of the pixel (x, y) the pattern covers, sampled on a SUPERSAMPLE² grid. */
function coverage(pattern: Pattern, x: number, y: number): number {
  let inside = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      if (pattern(x + (sx + 0.5) / SUPERSAMPLE, y + (sy + 0.5) / SUPERSAMPLE)) inside++;
    }
  }
  return inside / (SUPERSAMPLE * SUPERSAMPLE);
}

type Colour = [number, number, number];

/**
 * Two uniform random colours at least MIN_LUMA_GAP apart in brightness, in random order: the pair is
 * exchangeable, so whichever share of the image a class covers, the expected mean colour is the same.
 */
function colourPair(rng: Rng): [Colour, Colour] {
  const a = randomColour(rng);
  let b = randomColour(rng);
  while (Math.abs(luma(a) - luma(b)) < MIN_LUMA_GAP) b = randomColour(rng);
  return rng.next() < 0.5 ? [a, b] : [b, a];
}

function randomColour(rng: Rng): Colour {
  return [rng.next(), rng.next(), rng.next()];
}

const luma = (c: Colour) => 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
