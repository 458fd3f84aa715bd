/**
 * Which files an imported folder may hold as images, judged first by name and then by content, so that
 * a bad file is skipped with a reason a person can act on instead of failing the whole import.
 */
export type ImageFileType = 'png' | 'jpeg' | 'webp' | 'gif' | 'bmp';

/** What the Node loader decodes (pngjs, jpeg-js). */
export const NODE_IMAGE_TYPES: readonly ImageFileType[] = ['png', 'jpeg'];
/** What a browser's createImageBitmap decodes everywhere. */
export const BROWSER_IMAGE_TYPES: readonly ImageFileType[] = ['png', 'jpeg', 'webp', 'gif', 'bmp'];

const EXTENSIONS: Record<string, ImageFileType> = {
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  webp: 'webp',
  gif: 'gif',
  bmp: 'bmp',
};
const LABELS: Record<ImageFileType, string> = {
  png: 'PNG',
  jpeg: 'JPEG',
  webp: 'WebP',
  gif: 'GIF',
  bmp: 'BMP',
};
const SIGNATURES: [ImageFileType, (number | null)[]][] = [
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  // RIFF, four bytes of length (any), then WEBP.
  ['webp', [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['bmp', [0x42, 0x4d]],
];

/** The type its extension promises, or a reason to skip the file unread. */
export function checkImageName(
  path: string,
  supported: readonly ImageFileType[] = NODE_IMAGE_TYPES,
): { type: ImageFileType } | { reason: string } {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const type = EXTENSIONS[extension];
  if (type && supported.includes(type)) return { type };
  const names = supported.map(label);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0];
  return { reason: `not a ${list} file (${extension ? `.${extension}` : 'no extension'})` };
}

/** A reason to skip the file when its bytes are not the promised type, else null. */
export function checkImageContent(expected: ImageFileType, bytes: Uint8Array): string | null {
  if (bytes.length === 0) return 'empty file (0 bytes)';
  const actual = sniffImageType(bytes);
  if (actual === null) return `not a ${label(expected)} image (unrecognised content)`;
  if (actual !== expected) return `content is ${label(actual)} but the extension says ${label(expected)}`;
  return null;
}

/** The type the file's signature bytes show, or null. Only the first 12 bytes are looked at. */
export function sniffImageType(bytes: Uint8Array): ImageFileType | null {
  const starts = (signature: (number | null)[]): boolean =>
    bytes.length >= signature.length && signature.every((b, i) => b === null || bytes[i] === b);
  return SIGNATURES.find(([, signature]) => starts(signature))?.[0] ?? null;
}

/** The format's usual written name ('PNG', 'WebP'). */
export function imageTypeLabel(type: ImageFileType): string {
  return LABELS[type];
}

const label = imageTypeLabel;
