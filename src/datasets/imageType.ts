/**
 * Which files an imported folder may hold as images, judged first by name and then by content, so that
 * a bad file is skipped with a reason a person can act on instead of failing the whole import.
 */
export type ImageFileType = 'png' | 'jpeg';

const EXTENSIONS: Record<string, ImageFileType> = { png: 'png', jpg: 'jpeg', jpeg: 'jpeg' };
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

/** The type its extension promises, or a reason to skip the file unread. */
export function checkImageName(path: string): { type: ImageFileType } | { reason: string } {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const type = EXTENSIONS[extension];
  if (type) return { type };
  return { reason: `not a PNG or JPEG file (${extension ? `.${extension}` : 'no extension'})` };
}

/** A reason to skip the file when its bytes are not the promised type, else null. */
export function checkImageContent(expected: ImageFileType, bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'empty file (0 bytes)';
  const actual = sniffImageType(bytes);
  if (actual === null) return `not a ${label(expected)} image (unrecognised content)`;
  if (actual !== expected) return `content is ${label(actual)} but the extension says ${label(expected)}`;
  return null;
}

/** The type the file's signature bytes show, or null. */
export function sniffImageType(bytes: Uint8Array): ImageFileType | null {
  const starts = (signature: number[]): boolean =>
    bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
  if (starts(PNG_SIGNATURE)) return 'png';
  if (starts(JPEG_SIGNATURE)) return 'jpeg';
  return null;
}

function label(type: ImageFileType): string {
  return type === 'png' ? 'PNG' : 'JPEG';
}
