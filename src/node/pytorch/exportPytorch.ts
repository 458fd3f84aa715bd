import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCheckpointManifest } from '../../cpc/checkpoint/format';
import {
  buildPytorchProject,
  dataArgument,
  PROJECT_DATASETS_DIR,
  type ProjectFile,
  type PytorchProject,
  type PytorchSources,
} from '../../cpc/export/pytorch/pytorchProject';
import { BUILTIN_DATASETS, builtinDatasetFiles, type BuiltinDatasetName } from '../../datasets/builtin';
import { readPytorchSources } from './pytorchSources';

/** The built-in sets' files as the app serves them. */
const PUBLIC_DATASETS_DIR = fileURLToPath(new URL('../../../public/datasets/', import.meta.url));

/**
 * Builds the PyTorch project from a checkpoint file and writes its files, unzipped, into `out` (created
 * if need be; files of the same names are replaced), or, when `out` is null, into a folder named after
 * the project beside the checkpoint. A run on a built-in set takes that set's files along. Returns the
 * project and the folder.
 */
export function exportPytorch(
  checkpointPath: string,
  out: string | null,
  sources: PytorchSources = readPytorchSources(),
): { project: PytorchProject; dir: string } {
  const bytes = new Uint8Array(readFileSync(checkpointPath));
  const { extra } = readCheckpointManifest(bytes);
  const project = buildPytorchProject(bytes, sources, builtinDatasetOf(dataArgument(extra).argument));
  const dir = out ?? join(checkpointPath, '..', project.name);
  for (const file of project.files) {
    mkdirSync(dirname(join(dir, file.name)), { recursive: true });
    writeFileSync(join(dir, file.name), file.content);
  }
  return { project, dir };
}

/** The built-in set's manifest and sprite when `data` names one, under the project's datasets folder. */
function builtinDatasetOf(data: string): ProjectFile[] {
  if (!(BUILTIN_DATASETS as readonly string[]).includes(data)) return [];
  return Object.values(builtinDatasetFiles(data as BuiltinDatasetName)).map((name) => ({
    name: `${PROJECT_DATASETS_DIR}/${name}`,
    content: new Uint8Array(readFileSync(join(PUBLIC_DATASETS_DIR, name))),
  }));
}
