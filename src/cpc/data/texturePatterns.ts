import type { Rng } from '../random';

/**
 * The geometry of the colour-texture classes: each class draws its own random period, duty, phase and a
 * small tilt, and returns which of two colours covers a point. Every pattern repeats across the whole
 * image (rings bend around a centre, blobs are stationary noise), so a patch anywhere shows the class,
 * while the random phase keeps any one pixel position uninformative. Periods are in pixels (about 4–8)
 * so an 8 px patch holds one or two of them, whatever the image size.
 */
export const TEXTURE_CLASSES = [
  'stripes-h',
  'stripes-v',
  'stripes-diagonal',
  'checkerboard',
  'dots',
  'rings',
  'blobs',
  'zigzag',
  'crosshatch',
  'bricks',
] as const;

export type TextureClass = (typeof TEXTURE_CLASSES)[number];

/** True where the pattern's first colour covers the point (x, y), in pixels. */
export type Pattern = (x: number, y: number) => boolean;

/** Within-class orientation jitter, either way. */
const MAX_TILT = (12 * Math.PI) / 180;
/** Phase offsets span several periods, so the pattern's origin falls anywhere. */
const MAX_OFFSET = 64;

export function randomPattern(name: TextureClass, rng: Rng, size: number): Pattern {
  switch (name) {
    case 'stripes-h':
      return stripes(rng, 0);
    case 'stripes-v':
      return stripes(rng, Math.PI / 2);
    case 'stripes-diagonal':
      return stripes(rng, rng.next() < 0.5 ? Math.PI / 4 : -Math.PI / 4);
    case 'checkerboard':
      return checkerboard(rng);
    case 'dots':
      return dots(rng);
    case 'rings':
      return rings(rng, size);
    case 'blobs':
      return blobs(rng, size);
    case 'zigzag':
      return zigzag(rng);
    case 'crosshatch':
      return crosshatch(rng);
    case 'bricks':
      return bricks(rng);
  }
}

/** A rotated, shifted coordinate frame: u runs along the pattern's rows, v across them. */
interface Frame {
  cos: number;
  sin: number;
  du: number;
  dv: number;
}

function randomFrame(rng: Rng, angle: number): Frame {
  const a = angle + rng.uniform(-MAX_TILT, MAX_TILT);
  return {
    cos: Math.cos(a),
    sin: Math.sin(a),
    du: rng.uniform(0, MAX_OFFSET),
    dv: rng.uniform(0, MAX_OFFSET),
  };
}

const uOf = (f: Frame, x: number, y: number) => f.cos * x + f.sin * y + f.du;
const vOf = (f: Frame, x: number, y: number) => -f.sin * x + f.cos * y + f.dv;
const frac = (t: number) => t - Math.floor(t);

/** Fraction of each period the first colour covers: varied so coverage alone does not name the class. */
const duty = (rng: Rng) => rng.uniform(0.35, 0.65);

/** Bands that run along angle `angle` (0: horizontal stripes, which change down the image). */
function stripes(rng: Rng, angle: number): Pattern {
  const f = randomFrame(rng, angle);
  const period = rng.uniform(4, 7.5);
  const d = duty(rng);
  return (x, y) => frac(vOf(f, x, y) / period) < d;
}

function checkerboard(rng: Rng): Pattern {
  const f = randomFrame(rng, 0);
  const cell = rng.uniform(2.5, 4);
  return (x, y) => ((Math.floor(uOf(f, x, y) / cell) + Math.floor(vOf(f, x, y) / cell)) & 1) === 0;
}

/** Discs on a square lattice; radius up to ~0.4 of the spacing, so they cover 20–50 %. */
function dots(rng: Rng): Pattern {
  const f = randomFrame(rng, 0);
  const spacing = rng.uniform(5, 8);
  const radius = spacing * rng.uniform(0.25, 0.4);
  return (x, y) => {
    const a = frac(uOf(f, x, y) / spacing) - 0.5;
    const b = frac(vOf(f, x, y) / spacing) - 0.5;
    return Math.hypot(a, b) * spacing < radius;
  };
}

/** Concentric rings about a centre somewhere in the image. */
function rings(rng: Rng, size: number): Pattern {
  const cx = size * rng.uniform(0.15, 0.85);
  const cy = size * rng.uniform(0.15, 0.85);
  const period = rng.uniform(4, 7);
  const phase = rng.next();
  const d = duty(rng);
  return (x, y) => frac(Math.hypot(x - cx, y - cy) / period + phase) < d;
}

/** Smooth value noise (one octave, lattice every 2.5–4 px) cut at a level near its median. */
function blobs(rng: Rng, size: number): Pattern {
  const spacing = rng.uniform(2.5, 4);
  const n = Math.ceil(size / spacing) + 3;
  const lattice = Float32Array.from({ length: n * n }, () => rng.next());
  const ox = rng.uniform(0, 1);
  const oy = rng.uniform(0, 1);
  const level = rng.uniform(0.42, 0.58);
  const smooth = (t: number) => t * t * (3 - 2 * t);
  return (x, y) => {
    const gx = x / spacing + ox;
    const gy = y / spacing + oy;
    const ix = Math.floor(gx);
    const iy = Math.floor(gy);
    const tx = smooth(gx - ix);
    const ty = smooth(gy - iy);
    const at = (i: number, j: number) => lattice[(iy + j) * n + ix + i];
    const top = at(0, 0) + tx * (at(1, 0) - at(0, 0));
    const bottom = at(0, 1) + tx * (at(1, 1) - at(0, 1));
    return top + ty * (bottom - top) < level;
  };
}

/** Horizontal stripes bent into a triangle wave along their length. */
function zigzag(rng: Rng): Pattern {
  const f = randomFrame(rng, 0);
  const period = rng.uniform(4, 7);
  const wavelength = rng.uniform(6, 10);
  const amplitude = rng.uniform(1.5, 3);
  const d = duty(rng);
  return (x, y) => {
    const bend = amplitude * Math.abs(2 * frac(uOf(f, x, y) / wavelength) - 1);
    return frac((vOf(f, x, y) + bend) / period) < d;
  };
}

/** Two sets of thin diagonal lines crossing near right angles; lines 20–30 % of the spacing wide. */
function crosshatch(rng: Rng): Pattern {
  const a = randomFrame(rng, Math.PI / 4);
  const b = randomFrame(rng, -Math.PI / 4);
  const spacing = rng.uniform(4.5, 7.5);
  const width = rng.uniform(0.2, 0.3);
  return (x, y) => frac(vOf(a, x, y) / spacing) < width || frac(vOf(b, x, y) / spacing) < width;
}

/** Running bond: mortar lines between rows, joints offset by half a brick on alternate rows. */
function bricks(rng: Rng): Pattern {
  const f = randomFrame(rng, 0);
  const height = rng.uniform(4.5, 6.5);
  const width = height * rng.uniform(1.5, 2);
  const mortar = rng.uniform(1, 1.8);
  return (x, y) => {
    const v = vOf(f, x, y) / height;
    if (frac(v) * height < mortar) return true;
    const shift = (Math.floor(v) & 1) * 0.5;
    return frac(uOf(f, x, y) / width + shift) * width < mortar;
  };
}
