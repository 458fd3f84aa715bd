/// <reference types="vite/client" />
import {
  buildPytorchProject,
  PROJECT_DATASETS_DIR,
  pytorchProjectZip,
  type ProjectFile,
} from '../../cpc/export/pytorch/pytorchProject';
import { builtinDatasetFiles } from '../../datasets/builtin';
import type { DatasetSpec } from '../../worker/protocol';
import type { DownloadFile } from './download';
import { PYTORCH_SOURCES } from './pytorchSources';

/**
 * "Continue in PyTorch": the run's checkpoint (from the worker) as a zip of the PyTorch project, with the
 * built-in set's files when the run trains on one. Loaded on demand (useExportActions imports it), so the
 * Python sources and the pickle writer stay out of the page's first chunks.
 */
export async function pytorchProjectFile(
  checkpoint: Uint8Array,
  dataset: DatasetSpec,
): Promise<DownloadFile> {
  const project = buildPytorchProject(checkpoint, PYTORCH_SOURCES, await datasetFiles(dataset));
  return {
    name: `${project.name}.zip`,
    type: 'application/zip',
    content: pytorchProjectZip(project) as Uint8Array<ArrayBuffer>,
  };
}

/** A built-in set's manifest and sprite, fetched from the app's own datasets folder (cached by now). */
async function datasetFiles(dataset: DatasetSpec): Promise<ProjectFile[]> {
  if (dataset.kind !== 'builtin') return [];
  const folder = new URL(`${import.meta.env.BASE_URL}datasets/`, window.location.href);
  return Promise.all(
    Object.values(builtinDatasetFiles(dataset.name)).map(async (name) => {
      const response = await fetch(new URL(name, folder));
      if (!response.ok) throw new Error(`Could not load datasets/${name}: HTTP ${response.status}.`);
      return {
        name: `${PROJECT_DATASETS_DIR}/${name}`,
        content: new Uint8Array(await response.arrayBuffer()),
      };
    }),
  );
}
