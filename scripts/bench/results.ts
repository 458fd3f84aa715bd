import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where every bench mode writes its JSON, traces and profiles (git-ignored). */
export const RESULTS_DIR = 'bench-results';

/** `<name>-<time>.<ext>`: a file name that sorts by time and never overwrites. */
export function timestampedName(name: string, at = new Date(), ext = 'json'): string {
  return `${name}-${at.toISOString().replace(/[:.]/g, '-')}.${ext}`;
}

/** Writes `text` to bench-results/<file> and returns its path. */
export function writeResult(file: string, text: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, file);
  writeFileSync(path, text);
  return path;
}

export function writeJsonResult(name: string, data: unknown, at?: Date): string {
  return writeResult(timestampedName(name, at), `${JSON.stringify(data, null, 2)}\n`);
}
