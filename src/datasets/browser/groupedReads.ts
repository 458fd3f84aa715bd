/**
 * Small files read as one: a Blob of several files is read with one request to the browser process
 * instead of one each. In Chromium here, 2,000 JPEGs of about 9 kB read one by one took 3.2–3.8 s of CPU
 * (the browser's IO thread and file threads, the worker's IPC), and read eight at a time 1.6–1.7 s; an
 * import of small files is bound by the two cores, so that CPU is import time. Files from
 * STREAMED_READ_BYTES up are each read into a reused buffer instead (./reusedReads.ts).
 */

/**
 * Each file's bytes, as views of one buffer read for all of them. If that read fails (a file gone or
 * changed since it was listed), each file is read on its own, so that a failure is that file's alone.
 */
export function readTogether(
  files: readonly Blob[],
  combine: (files: readonly Blob[]) => Blob = (parts) => new Blob(parts as Blob[]),
): Promise<Uint8Array>[] {
  const all = combine(files).arrayBuffer();
  let offset = 0;
  return files.map((file) => {
    const start = offset;
    offset += file.size;
    const bytes = all.then(
      (buffer) => new Uint8Array(buffer, start, file.size),
      async () => new Uint8Array(await file.arrayBuffer()),
    );
    bytes.catch(() => {}); // its failure is reported when the file's turn comes
    return bytes;
  });
}
