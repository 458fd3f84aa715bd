import { isStored } from '../../cpc/data/imageSet';
import { enlargedCount, type ImportResult } from '../../datasets/assembleImport';
import { isShared } from '../../datasets/sharedPixels';
import { formatBytes } from '../training/runStatus';

/**
 * What an import's summary says in words beyond its counts: the images enlarged to the training size
 * `size`, the import's own split, and how much memory its pixels hold (once, where the page shares them
 * with the training worker).
 */
export function importNotes(result: ImportResult, size: number): string[] {
  const { set, heldOut } = result;
  if (set.count === 0) return [];
  const notes: string[] = [];
  const enlarged = enlargedCount(result, size);
  if (enlarged > 0)
    notes.push(
      `${enlarged} image${enlarged === 1 ? ' was' : 's were'} smaller than ${size} px and enlarged.`,
    );
  if (heldOut > 0)
    notes.push(
      `${set.count - heldOut} for training, ${heldOut} held out for the probes: the same images in every run on this import.`,
    );
  const bytes = formatBytes(set.pixels.length);
  notes.push(
    isStored(set.pixels)
      ? `Its pixels take ${bytes}, kept on disk (this browser's storage for the site), not in the tab: the training worker reads each batch's images from there.`
      : isShared(set.pixels)
        ? `Its pixels take ${bytes}, held once: the training worker reads the page's copy.`
        : `Its pixels take ${bytes}, held twice: this page is not cross-origin isolated, so the training worker keeps a copy.`,
  );
  return notes;
}
