/**
 * Reads files into buffers that are used again for later files, through a BYOB reader of the file's stream.
 * Read with `arrayBuffer()`, each camera photo left 3 MB of garbage; two decode workers left it faster than
 * their collectors ran, and the tab's memory peaked in those swings while photos decoded.
 * Files under `streamFrom` bytes are read with `arrayBuffer()` all the same: in Chromium, 10,000 JPEGs of
 * 1.2–5.3 kB from a folder input, read through BYOB streams, stalled for good in every run (at 3,300–5,900
 * files where counted), every decode worker waiting on a read that never ended, also without the
 * read-ahead and with a fresh buffer per read; `arrayBuffer()` imported them all in 16 s. A small file's
 * garbage is small.
 */
/** Files at least this large are read into reused buffers (a camera photo is 2–6 MB). */
export const STREAMED_READ_BYTES = 1 << 20;

export class ReusedReads {
  /** Buffers given back, at most `keep` (the file decoding and the one read ahead). */
  private readonly free: ArrayBuffer[] = [];

  constructor(
    private readonly keep = 2,
    private readonly streamFrom = STREAMED_READ_BYTES,
  ) {}

  /** The file's bytes in a buffer of this pool (a fresh read for a small file, or where the stream has no BYOB reader). */
  async read(file: Blob): Promise<Uint8Array> {
    if (file.size < this.streamFrom) return new Uint8Array(await file.arrayBuffer());
    let reader: ReadableStreamBYOBReader;
    try {
      reader = file.stream().getReader({ mode: 'byob' });
    } catch {
      return new Uint8Array(await file.arrayBuffer());
    }
    const index = this.free.findIndex((buffer) => buffer.byteLength >= file.size);
    // A new buffer has room to spare: photos of one camera differ in size by a few tens of percent.
    let buffer =
      index >= 0 ? this.free.splice(index, 1)[0] : new ArrayBuffer(Math.ceil(file.size * 1.25) + 1);
    let filled = 0;
    // Each read hands the buffer back as a new one (the one passed in is detached).
    while (filled < file.size) {
      const { value, done } = await reader.read(new Uint8Array(buffer, filled, file.size - filled));
      if (value) buffer = value.buffer as ArrayBuffer;
      if (done || !value) break;
      filled += value.byteLength;
    }
    reader.cancel().catch(() => {}); // the stream's end is not waited for
    if (filled !== file.size) throw new Error(`read ${filled} of its ${file.size} bytes`);
    return new Uint8Array(buffer, 0, filled);
  }

  /** Gives a buffer from `read` back (the `keep` largest are kept); the caller must not use `bytes` after. */
  release(bytes: Uint8Array): void {
    if (!(bytes.buffer instanceof ArrayBuffer) || bytes.buffer.byteLength === 0) return;
    this.free.push(bytes.buffer);
    this.free.sort((a, b) => b.byteLength - a.byteLength);
    this.free.length = Math.min(this.free.length, this.keep);
  }
}
