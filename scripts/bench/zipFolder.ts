import { closeSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Zip, ZipPassThrough } from 'fflate';

/**
 * A stored (not deflated: JPEGs do not shrink) .zip of a folder, written a file at a time so that a
 * gigabyte-sized archive never sits in memory; returns its size in bytes.
 */
export function zipFolder(dir: string, zipPath: string): number {
  const out = openSync(zipPath, 'w');
  let bytes = 0;
  try {
    const zip = new Zip((error, chunk) => {
      if (error) throw error;
      writeSync(out, chunk);
      bytes += chunk.length;
    });
    for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
      let data: Uint8Array;
      try {
        data = readFileSync(join(dir, name));
      } catch {
        continue; // a folder
      }
      const entry = new ZipPassThrough(`photos/${name}`);
      zip.add(entry);
      entry.push(data, true);
    }
    zip.end();
  } finally {
    closeSync(out);
  }
  return bytes;
}
