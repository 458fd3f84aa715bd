/**
 * What a drop on the page means, judged by what was dropped and never by where it landed: folders and
 * images become a data set, a .zip is opened to see whether it is a saved run or images (its directory
 * decides, in the archive worker), and anything else is refused with a sentence the user can act on.
 */
import { sniffImageType } from '../../datasets/imageType';

/** What a dropped file's first bytes show. */
export type DroppedContent = 'image' | 'zip' | 'other';

export type DroppedItem =
  { kind: 'folder'; name: string } | { kind: 'file'; name: string; content: DroppedContent };

export type DropPlan =
  /** Nothing with files in it (a dragged link or text): the page ignores it. */
  | { kind: 'nothing' }
  /** Import every dropped item as one data set, under this name. */
  | { kind: 'images'; name: string }
  /** Open the one dropped .zip; what it lists decides between resuming and importing. */
  | { kind: 'archive'; name: string }
  | { kind: 'refused'; message: string };

/** Enough for every image signature and the zip's. */
export const SNIFF_BYTES = 12;

/** A zip starts with a local file header, or (when empty) with its end-of-directory record. */
const ZIP_SIGNATURES = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
];

export function sniffContent(head: Uint8Array): DroppedContent {
  if (sniffImageType(head) !== null) return 'image';
  const isZip = ZIP_SIGNATURES.some((sig) => sig.every((byte, i) => head[i] === byte));
  return isZip ? 'zip' : 'other';
}

const GOES_ON = 'The current run goes on.';

export function classifyDrop(items: readonly DroppedItem[]): DropPlan {
  if (items.length === 0) return { kind: 'nothing' };
  const files = items.filter((item) => item.kind === 'file');
  const zips = files.filter((file) => file.content === 'zip');
  if (items.length === 1) {
    const [only] = items;
    if (only.kind === 'folder' || only.content === 'image') return { kind: 'images', name: only.name };
    if (only.content === 'zip') return { kind: 'archive', name: only.name };
    return {
      kind: 'refused',
      message: `${only.name} is not an image, a folder, a .zip of images or a saved run. ${GOES_ON}`,
    };
  }
  if (zips.length > 0)
    return {
      kind: 'refused',
      message:
        `${zips.length === 1 ? `${zips[0].name} is a .zip` : `${zips.length} of these are .zip files`}: ` +
        `drop a .zip on its own (a saved run or a .zip of images), or images and folders without one. ${GOES_ON}`,
    };
  const folders = items.length - files.length;
  if (folders === 0 && files.every((file) => file.content === 'other'))
    return {
      kind: 'refused',
      message: `None of these ${files.length} files is an image. Drop images, a folder of images, a .zip of images or a saved run. ${GOES_ON}`,
    };
  // Non-images among images are the importer's to list as skipped, each with its reason.
  return { kind: 'images', name: `${items.length} dropped items` };
}
