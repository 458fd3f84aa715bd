import type { ImageSet } from '../../cpc/data/imageSet';
import { BUILTIN_DATASETS, type BuiltinDatasetName } from '../../datasets/builtin';
import type { DatasetSpec } from '../../worker/protocol';
import { DATASET_CHOICES, SYNTHETIC_IMAGES, TEXTURE_IMAGES } from '../data/datasetChoice';
import type { SavedDatasetRef } from './savedRun';

/** What to remember of the set a run trains on: pixels only for a kept import. */
export function datasetRefOf(spec: DatasetSpec, storedImagesId: string | null): SavedDatasetRef {
  switch (spec.kind) {
    case 'synthetic':
    case 'textures':
      return { kind: spec.kind, count: spec.count };
    case 'builtin':
      return { kind: 'builtin', name: spec.name };
    case 'images':
      return spec.heldOut === undefined
        ? { kind: 'images', name: spec.name, storedImagesId }
        : { kind: 'images', name: spec.name, storedImagesId, heldOut: spec.heldOut };
  }
}

/** The spec to resume on; an import needs its images (kept or imported again). */
export function specForRef(ref: SavedDatasetRef, images: ImageSet | null): DatasetSpec | null {
  if (ref.kind === 'synthetic' || ref.kind === 'textures') return { kind: ref.kind, count: ref.count };
  if (ref.kind === 'builtin') return { kind: 'builtin', name: ref.name };
  if (!images) return null;
  const spec: DatasetSpec = { kind: 'images', name: ref.name, set: images };
  return ref.heldOut === undefined ? spec : { ...spec, heldOut: ref.heldOut };
}

/** The name the dataset chooser gives it ("Fashion-MNIST"), or the imported folder's name. */
export function datasetTitleOf(ref: SavedDatasetRef): string {
  const choice = ref.kind === 'builtin' ? ref.name : ref.kind;
  if (ref.kind === 'images') return ref.name;
  return DATASET_CHOICES.find((c) => c.value === choice)?.label ?? choice;
}

/** A dataset ref read back from a checkpoint: anything malformed is null. */
export function parseDatasetRef(raw: unknown): SavedDatasetRef | null {
  const r = raw as Partial<Record<string, unknown>> | null;
  if (!r || typeof r !== 'object') return null;
  if (isGeneratedKind(r.kind) && Number.isInteger(r.count) && (r.count as number) > 0)
    return { kind: r.kind, count: r.count as number };
  if (r.kind === 'builtin' && isBuiltinName(r.name)) return { kind: 'builtin', name: r.name };
  if (r.kind === 'images' && typeof r.name === 'string' && r.name.length > 0) {
    const storedImagesId = typeof r.storedImagesId === 'string' ? r.storedImagesId : null;
    const ref = { kind: 'images' as const, name: r.name, storedImagesId };
    return Number.isInteger(r.heldOut) && (r.heldOut as number) >= 0
      ? { ...ref, heldOut: r.heldOut as number }
      : ref;
  }
  return null;
}

/**
 * The headless runner records `--data` as given: 'synthetic', 'textures', a built-in name, or a folder path,
 * whose last part is what the page asks the user to import again.
 */
export function refFromRunnerData(data: unknown): SavedDatasetRef | null {
  if (typeof data !== 'string' || data.length === 0) return null;
  if (data === 'synthetic') return { kind: 'synthetic', count: SYNTHETIC_IMAGES };
  if (data === 'textures') return { kind: 'textures', count: TEXTURE_IMAGES };
  if (isBuiltinName(data)) return { kind: 'builtin', name: data };
  const name = data
    .split(/[\\/]/)
    .filter((part) => part.length > 0)
    .pop();
  return name ? { kind: 'images', name, storedImagesId: null } : null;
}

/** The kinds made in memory from the run's seed, remembered by their image count alone. */
function isGeneratedKind(kind: unknown): kind is 'synthetic' | 'textures' {
  return kind === 'synthetic' || kind === 'textures';
}

function isBuiltinName(name: unknown): name is BuiltinDatasetName {
  return (BUILTIN_DATASETS as readonly unknown[]).includes(name);
}
