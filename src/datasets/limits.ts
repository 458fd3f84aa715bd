/**
 * How much an import may read, each limit with its reason. Past one, the import is refused (or the file
 * skipped) with a message before anything large is allocated, and the current run goes on untouched.
 * Checkpoint files have their own limits (src/cpc/checkpoint/limits.ts).
 */
const MiB = 1024 * 1024;

/**
 * Files in one import, however they come (a folder, picked files, a .zip). Every file is a round trip to
 * a decode worker, and every kept image stays in the tab (once where the page is cross-origin isolated,
 * else twice: page and training worker): 20,000 photos take minutes to decode, and at 64 px RGB their
 * pixels alone are 245 MB, or 490 MB held twice. The built-in sets cover larger runs.
 */
export const MAX_IMPORT_FILES = 20_000;

/**
 * Entries a .zip's directory may list. A macOS zip lists every file twice (its __MACOSX resource fork)
 * and every folder once; this bounds the work of reading the directory, before the file count applies.
 */
export const MAX_ZIP_ENTRIES = 3 * MAX_IMPORT_FILES;

/**
 * A .zip's own size. It is never read whole (its directory, then one entry per decode worker at a time),
 * so this bounds the work, not the memory; larger sets import as a folder.
 */
export const MAX_ZIP_BYTES = 1024 * MiB;

/**
 * A .zip's files inflated, all together, as its directory declares them: they are inflated one at a time
 * as they are decoded, so this only refuses an archive whose directory promises more than any import of
 * 20,000 pictures needs.
 */
export const MAX_ZIP_INFLATED_BYTES = 1024 * MiB;

/**
 * One file in a .zip, inflated: the largest image the pixel limit lets through, a 64-megapixel 24-bit
 * BMP, is 192 MB.
 */
export const MAX_ZIP_FILE_BYTES = 256 * MiB;

/**
 * Pixels one image may declare in its header. Decoding in full makes 4 bytes a pixel (RGBA) and up to 8
 * decode workers run at once (9 for a moment while one hands over): 64 megapixels is 256 MB each (a
 * large JPEG is mostly decoded at 1/8 scale, 4 MB). A 48-megapixel phone photo fits; a header claiming
 * 100,000 × 100,000 (40 GB decoded) is skipped unread.
 */
export const MAX_IMAGE_PIXELS = 64_000_000;

/**
 * A JPEG up to this size is read whole at once, for its checks and its reduced decode together (one read
 * instead of three). A larger one has only its head and tail read before its checks, so a file of
 * gigabytes is refused or handed to the browser's decoder without being copied into the worker. A
 * 64-megapixel camera JPEG is about 30 MB.
 */
export const MAX_JPEG_READ_BYTES = 64 * MiB;

/**
 * A JPEG up to this size is read while the file before it decodes (./browser/prefetch.ts): a camera's
 * photo is 3 to 12 MB, and each decode worker holds at most one such file ahead.
 */
export const READ_AHEAD_BYTES = 16 * MiB;
