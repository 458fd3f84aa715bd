import { BROWSER_IMAGE_TYPES, checkImageName } from '../imageType';
import { MAX_JPEG_READ_BYTES, READ_AHEAD_BYTES } from '../limits';
import type { BlobFile } from './fileSources';

/**
 * Whether a decode worker reads this file's bytes itself, into its reused buffers and while the file before
 * it decodes: a JPEG that
 * `decodeImageFile` reads whole anyway, not packed in a .zip (an entry is inflated in its turn, so that
 * a worker holds one at a time), and at most READ_AHEAD_BYTES.
 */
export function prefetchable({ path, file, packed }: BlobFile): boolean {
  if (packed || file.size > Math.min(READ_AHEAD_BYTES, MAX_JPEG_READ_BYTES)) return false;
  const named = checkImageName(path, BROWSER_IMAGE_TYPES);
  return 'type' in named && named.type === 'jpeg';
}
