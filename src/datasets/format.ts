import { imageBytes, inMemory, type ImageSet } from '../cpc/data/imageSet';

/**
 * A built-in dataset ships as two files: a sprite PNG holding every image as a tile of a grid, and this
 * JSON manifest describing it. One PNG downloads and decodes far faster in a browser than thousands of
 * small files (spritePng.ts reads it).
 */
export const DATASET_FORMAT = 'cpc-playground-dataset';
export const DATASET_FORMAT_VERSION = 1;

export interface DatasetManifest {
  format: typeof DATASET_FORMAT;
  version: typeof DATASET_FORMAT_VERSION;
  /** Identifier, also the files' base name (`mnist` → mnist.png, mnist.json). */
  name: string;
  /** Human-readable name for the UI. */
  title: string;
  licence: string;
  /** Where the images come from. */
  source: string;
  /** Side of each square image in pixels. */
  size: number;
  channels: 1 | 3;
  count: number;
  /** Tiles per sprite row; tile i sits at row ⌊i / columns⌋, column i mod columns. */
  columns: number;
  classNames: string[];
  /** Class index per image, in tile order. */
  labels: number[];
  /** The first `train` images are the training split, the next `test` the test split. */
  split: { train: number; test: number };
}

/** Checks every field of a parsed manifest; throws an Error naming the first bad field. */
export function parseManifest(json: unknown): DatasetManifest {
  const m = requireObject(json, 'manifest');
  if (m.format !== DATASET_FORMAT) {
    throw new Error(`Dataset manifest: format must be '${DATASET_FORMAT}', got ${describe(m.format)}.`);
  }
  if (m.version !== DATASET_FORMAT_VERSION) {
    throw new Error(
      `Dataset manifest: unsupported version ${describe(m.version)} (expected ${DATASET_FORMAT_VERSION}).`,
    );
  }
  const name = requireString(m, 'name', true);
  const title = requireString(m, 'title', true);
  const licence = requireString(m, 'licence', true);
  const source = requireString(m, 'source', true);
  const size = requireInteger(m, 'size', 1);
  const count = requireInteger(m, 'count', 1);
  const columns = requireInteger(m, 'columns', 1);
  if (m.channels !== 1 && m.channels !== 3) {
    throw new Error(`Dataset manifest: channels must be 1 or 3, got ${describe(m.channels)}.`);
  }
  const classNames = requireClassNames(m.classNames);
  const labels = requireLabels(m.labels, count, classNames.length);
  const split = requireSplit(m.split, count);
  return {
    format: DATASET_FORMAT,
    version: DATASET_FORMAT_VERSION,
    name,
    title,
    licence,
    source,
    size,
    channels: m.channels,
    count,
    columns,
    classNames,
    labels,
    split,
  };
}

/**
 * Cuts a decoded sprite back into the images the manifest describes. `samplesPerPixel`: 4 for RGBA (a
 * browser's canvas, pngjs), 1 or 3 for the PNG's own gray or RGB samples (spritePng.ts).
 */
export function spriteToImageSet(
  manifest: DatasetManifest,
  samples: Uint8Array,
  width: number,
  height: number,
  samplesPerPixel: 1 | 3 | 4 = 4,
): ImageSet {
  const { size, channels, count, columns } = manifest;
  if (samples.length !== width * height * samplesPerPixel) {
    throw new Error(
      `Sprite of ${width}×${height} should hold ${width * height * samplesPerPixel} bytes (${samplesPerPixel} a pixel), got ${samples.length}.`,
    );
  }
  if (channels > samplesPerPixel) {
    throw new Error(`The manifest says ${channels} channels, but the sprite has ${samplesPerPixel} a pixel.`);
  }
  const rows = Math.ceil(count / columns);
  if (width < columns * size || height < rows * size) {
    throw new Error(
      `Sprite of ${width}×${height} is too small for ${count} tiles of ${size}px in ${columns} columns.`,
    );
  }
  const pixels = new Uint8Array(count * imageBytes(manifest));
  let o = 0;
  for (let i = 0; i < count; i++) {
    const x0 = (i % columns) * size;
    const y0 = Math.floor(i / columns) * size;
    for (let y = 0; y < size; y++) {
      let p = ((y0 + y) * width + x0) * samplesPerPixel;
      for (let x = 0; x < size; x++, p += samplesPerPixel) {
        for (let c = 0; c < channels; c++) pixels[o++] = samples[p + c];
      }
    }
  }
  return {
    pixels,
    count,
    size,
    channels,
    labels: Int32Array.from(manifest.labels),
    classNames: [...manifest.classNames],
  };
}

/** Lays images out as an opaque RGBA sprite, as square as possible; unused tiles stay black. */
export function imageSetToSprite(set: ImageSet): {
  rgba: Uint8Array;
  width: number;
  height: number;
  columns: number;
} {
  const { size, channels, count } = set;
  const columns = Math.max(1, Math.ceil(Math.sqrt(count)));
  const width = columns * size;
  const height = Math.max(1, Math.ceil(count / columns)) * size;
  const rgba = new Uint8Array(width * height * 4);
  for (let a = 3; a < rgba.length; a += 4) rgba[a] = 255;
  // Grayscale fills R, G and B alike so the PNG encoder can store it as one channel.
  const g = channels === 3 ? 1 : 0;
  const b = channels === 3 ? 2 : 0;
  const pixels = inMemory(set).pixels;
  let s = 0;
  for (let i = 0; i < count; i++) {
    const x0 = (i % columns) * size;
    const y0 = Math.floor(i / columns) * size;
    for (let y = 0; y < size; y++) {
      let p = ((y0 + y) * width + x0) * 4;
      for (let x = 0; x < size; x++, p += 4, s += channels) {
        rgba[p] = pixels[s];
        rgba[p + 1] = pixels[s + g];
        rgba[p + 2] = pixels[s + b];
      }
    }
  }
  return { rgba, width, height, columns };
}

/** The manifest's train and test splits as separate sets (copies, so each owns its buffer). */
export function splitByManifest(
  set: ImageSet,
  split: DatasetManifest['split'],
): { train: ImageSet; test: ImageSet } {
  const take = (start: number, n: number): ImageSet => {
    const bytes = imageBytes(set);
    return {
      ...set,
      count: n,
      pixels: inMemory(set).pixels.slice(start * bytes, (start + n) * bytes),
      labels: set.labels ? set.labels.slice(start, start + n) : null,
      classNames: [...set.classNames],
      names: set.names?.slice(start, start + n),
    };
  };
  return { train: take(0, split.train), test: take(split.train, split.test) };
}

function requireObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`Dataset ${what} must be a JSON object, got ${describe(value)}.`);
  }
  return value as Record<string, unknown>;
}

function requireString(m: Record<string, unknown>, key: string, nonEmpty: boolean): string {
  const v = m[key];
  if (typeof v !== 'string' || (nonEmpty && v.trim() === '')) {
    throw new Error(`Dataset manifest: ${key} must be a non-empty string, got ${describe(v)}.`);
  }
  return v;
}

function requireInteger(m: Record<string, unknown>, key: string, min: number, path = key): number {
  const v = m[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new Error(`Dataset manifest: ${path} must be an integer ≥ ${min}, got ${describe(v)}.`);
  }
  return v;
}

function requireClassNames(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((n) => typeof n !== 'string' || n === '')) {
    throw new Error(`Dataset manifest: classNames must be a non-empty array of non-empty strings.`);
  }
  if (new Set(value).size !== value.length) throw new Error('Dataset manifest: classNames must be unique.');
  return [...(value as string[])];
}

function requireLabels(value: unknown, count: number, classes: number): number[] {
  if (!Array.isArray(value) || value.length !== count) {
    throw new Error(`Dataset manifest: labels must be an array of ${count} class indices (one per image).`);
  }
  const bad = value.findIndex((l) => typeof l !== 'number' || !Number.isInteger(l) || l < 0 || l >= classes);
  if (bad >= 0) {
    throw new Error(
      `Dataset manifest: labels[${bad}] = ${describe(value[bad])} is not a class index in 0..${classes - 1}.`,
    );
  }
  return [...(value as number[])];
}

function requireSplit(value: unknown, count: number): DatasetManifest['split'] {
  const s = requireObject(value, 'manifest split');
  const train = requireInteger(s, 'train', 0, 'split.train');
  const test = requireInteger(s, 'test', 0, 'split.test');
  if (train + test !== count) {
    throw new Error(`Dataset manifest: split train ${train} + test ${test} must equal count ${count}.`);
  }
  return { train, test };
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
