import { createRng, type Rng } from '../random';
import type { ImageSet } from './imageSet';
import { writeImageBytes } from './rgbBytes';

/**
 * "Synthetic shapes": a coloured shape on a textured background, generated from a seed. The background
 * is an oriented colour grating with noise, so patches carry spatial structure that CPC can learn to
 * predict (the grating continues across rows); the shape gives each image its label. Colour varies
 * independently of the class, which is what makes colour dropping and colour jitter matter here.
 */
export const SYNTHETIC_CLASSES = ['circle', 'square', 'triangle', 'cross', 'ring', 'diamond'] as const;

export interface SyntheticOptions {
  count: number;
  size: number;
  seed: number;
  channels?: 1 | 3;
}

/** Supersampling per axis for anti-aliased shape edges. */
const SUPERSAMPLE = 2;

export function generateSyntheticShapes({ count, size, seed, channels = 3 }: SyntheticOptions): ImageSet {
  const rng = createRng(seed);
  const pixels = new Uint8Array(count * size * size * channels);
  const labels = new Int32Array(count);
  const rgb = new Float32Array(size * size * 3);
  for (let i = 0; i < count; i++) {
    const label = i % SYNTHETIC_CLASSES.length; // balanced classes
    labels[i] = label;
    drawImage(rgb, size, label, rng);
    writeImageBytes(pixels, i * size * size * channels, rgb, channels);
  }
  return { pixels, count, size, channels, labels, classNames: [...SYNTHETIC_CLASSES] };
}

function drawImage(rgb: Float32Array, size: number, label: number, rng: Rng): void {
  const angle = rng.uniform(0, Math.PI);
  const freq = rng.uniform(0.25, 0.6); // radians per pixel: periods of ~10–25 px
  const phase = rng.uniform(0, 2 * Math.PI);
  const bgA = randomColour(rng);
  const bgB = mixColour(bgA, randomColour(rng), GRATING_CONTRAST);
  const fg = contrastingColour(bgA, bgB, rng);
  const cx = size * rng.uniform(0.35, 0.65);
  const cy = size * rng.uniform(0.35, 0.65);
  const radius = size * rng.uniform(0.2, 0.32);
  const rotation = rng.uniform(0, Math.PI / 2);
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const wave = 0.5 + 0.5 * Math.sin(freq * (x * dx + y * dy) + phase);
      const coverage = shapeCoverage(label, x, y, cx, cy, radius, rotation);
      const o = (y * size + x) * 3;
      for (let c = 0; c < 3; c++) {
        const bg = bgA[c] * wave + bgB[c] * (1 - wave) + 0.04 * rng.normal();
        rgb[o + c] = bg * (1 - coverage) + fg[c] * coverage;
      }
    }
  }
}

function shapeCoverage(
  label: number,
  x: number,
  y: number,
  cx: number,
  cy: number,
  r: number,
  rot: number,
): number {
  let inside = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      const px = x + (sx + 0.5) / SUPERSAMPLE - cx;
      const py = y + (sy + 0.5) / SUPERSAMPLE - cy;
      const u = (px * Math.cos(rot) + py * Math.sin(rot)) / r; // shape frame, unit radius
      const v = (-px * Math.sin(rot) + py * Math.cos(rot)) / r;
      if (insideShape(label, u, v)) inside++;
    }
  }
  return inside / (SUPERSAMPLE * SUPERSAMPLE);
}

function insideShape(label: number, u: number, v: number): boolean {
  const d = Math.hypot(u, v);
  switch (SYNTHETIC_CLASSES[label]) {
    case 'circle':
      return d <= 1;
    case 'square':
      return Math.abs(u) <= 0.8 && Math.abs(v) <= 0.8;
    case 'triangle':
      return v <= 0.7 && v >= 2 * Math.abs(u) - 1.1;
    case 'cross':
      return (Math.abs(u) <= 0.3 && Math.abs(v) <= 1) || (Math.abs(v) <= 0.3 && Math.abs(u) <= 1);
    case 'ring':
      return d <= 1 && d >= 0.6;
    case 'diamond':
      return Math.abs(u) + Math.abs(v) <= 1;
    default:
      return false;
  }
}

/** How far the grating's second colour moves from the first: a visible texture that does not drown the shape. */
const GRATING_CONTRAST = 0.5;
/** Smallest luma gap between the shape and the background, so the shape survives grayscale. */
const MIN_SHAPE_CONTRAST = 0.35;

function randomColour(rng: Rng): [number, number, number] {
  return [rng.next(), rng.next(), rng.next()];
}

function mixColour(a: number[], b: number[], t: number): [number, number, number] {
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]), a[2] + t * (b[2] - a[2])];
}

const luma = (c: number[]) => 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];

/** A random colour whose brightness stands apart from the background's average (redrawn until it does). */
function contrastingColour(bgA: number[], bgB: number[], rng: Rng): [number, number, number] {
  const background = (luma(bgA) + luma(bgB)) / 2;
  for (;;) {
    const c = randomColour(rng);
    if (Math.abs(luma(c) - background) >= MIN_SHAPE_CONTRAST) return c;
  }
}
