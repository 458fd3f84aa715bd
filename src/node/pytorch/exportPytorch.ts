import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildPytorchProject,
  type PytorchProject,
  type PytorchSources,
} from '../../cpc/export/pytorch/pytorchProject';
import { readPytorchSources } from './pytorchSources';

/**
 * Builds the PyTorch project from a checkpoint file and writes its files, unzipped, into `out` (created
 * if need be; files of the same names are replaced), or, when `out` is null, into a folder named after
 * the project beside the checkpoint. Returns the project and the folder.
 */
export function exportPytorch(
  checkpointPath: string,
  out: string | null,
  sources: PytorchSources = readPytorchSources(),
): { project: PytorchProject; dir: string } {
  const project = buildPytorchProject(new Uint8Array(readFileSync(checkpointPath)), sources);
  const dir = out ?? join(checkpointPath, '..', project.name);
  mkdirSync(dir, { recursive: true });
  for (const file of project.files) writeFileSync(join(dir, file.name), file.content);
  return { project, dir };
}
