import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isShippedSource, type PytorchSources } from '../../cpc/export/pytorch/pytorchProject';

/** The repository's `pytorch/` folder: the one copy of the exported Python code and README template. */
export const PYTORCH_SOURCE_DIR = fileURLToPath(new URL('../../../pytorch/', import.meta.url));

/** The files of `pytorch/` that a project ships, by name (what the page bundles with `?raw`). */
export function readPytorchSources(dir: string = PYTORCH_SOURCE_DIR): PytorchSources {
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && isShippedSource(entry.name))
    .map((entry) => entry.name);
  return Object.fromEntries(names.map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}
