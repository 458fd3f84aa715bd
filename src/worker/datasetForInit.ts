import { isStored } from '../cpc/data/imageSet';
import { takeCopy } from '../datasets/browser/spareCopies';
import { isShared } from '../datasets/sharedPixels';
import type { DatasetSpec } from './protocol';

/**
 * The dataset of an init (or a resume, or a candidate's timing) and what to transfer with it. An imported
 * set's shared pixels go as they are: the worker reads the page's copy. Other pixels are copied and the
 * copy transferred, so the page keeps its own for the thumbnails and a re-init (or React's double effect)
 * can send again. The first send of a fresh import takes the copy its assemble worker made (takeCopy), not
 * one made here.
 */
export function datasetForInit(spec: DatasetSpec): { dataset: DatasetSpec; transfer: Transferable[] } {
  const sent = spec.kind === 'images' ? spec.set.pixels : null;
  // Shared pixels are read where they are; stored ones are named by their file, which the worker opens.
  if (spec.kind !== 'images' || !sent || isShared(sent) || isStored(sent))
    return { dataset: spec, transfer: [] };
  const pixels = takeCopy(sent);
  return { dataset: { ...spec, set: { ...spec.set, pixels } }, transfer: [pixels.buffer] };
}
