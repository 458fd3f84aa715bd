import { metadataTsv, vectorsTsv } from '../../cpc/export/projectorTsv';
import type { DatasetSpec, WorkerEvent } from '../../worker/protocol';
import type { ProbePoint } from '../learned/probeHistory';
import type { MetricsHistory } from '../store/metricsHistory';
import type { DownloadFile } from './download';
import { metricsCsv, probeCsv } from './metricsCsv';

type Reply<T extends WorkerEvent['type']> = Extract<WorkerEvent, { type: T }>;

const CSV = 'text/csv';
const TSV = 'text/tab-separated-values';

/** The dataset in a file name: "fashion-mnist", "synthetic", "textures", or the import's name made safe. */
export function datasetSlug(dataset: DatasetSpec): string {
  if (dataset.kind === 'synthetic' || dataset.kind === 'textures') return dataset.kind;
  if (dataset.kind === 'builtin') return dataset.name;
  return fileSafe(dataset.name) || 'images';
}

/** Lower case, ASCII letters and digits, runs of anything else as one dash. */
export function fileSafe(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** model.json and its weights file, named as model.json's weightsManifest expects. */
export function encoderFiles(reply: Reply<'encoder-export'>): DownloadFile[] {
  return [
    { name: 'model.json', type: 'application/json', content: reply.modelJson },
    { name: reply.weightsFileName, type: 'application/octet-stream', content: reply.weights },
  ];
}

export function checkpointFile(reply: Reply<'checkpoint'>, dataset: DatasetSpec): DownloadFile {
  return {
    name: `cpc-${datasetSlug(dataset)}-step${reply.step}.zip`,
    type: 'application/zip',
    // Transferred from the worker, so it owns a plain ArrayBuffer.
    content: reply.bytes as Uint8Array<ArrayBuffer>,
  };
}

/** vectors.tsv and metadata.tsv for the TensorBoard Embedding Projector, row i describing vector i. */
export function embeddingFiles(reply: Reply<'embeddings'>): DownloadFile[] {
  const { vectors, dim, names, labels, split } = reply;
  if (vectors.length !== names.length * dim) {
    throw new Error(
      `The worker sent ${vectors.length} values for ${names.length} images of ${dim} dimensions.`,
    );
  }
  const rows = names.map((name, i) => ({ name, label: labels?.[i] ?? null, split: split[i] }));
  return [
    { name: 'vectors.tsv', type: TSV, content: vectorsTsv(vectors, dim) },
    { name: 'metadata.tsv', type: TSV, content: metadataTsv(rows) },
  ];
}

/** The loss/accuracy curves and the probe runs, as two CSV files. */
export function metricsFiles(
  history: MetricsHistory,
  probeHistory: readonly ProbePoint[],
  dataset: DatasetSpec,
): DownloadFile[] {
  const step = history.buckets.at(-1)?.step ?? 0;
  const base = `cpc-${datasetSlug(dataset)}-step${step}`;
  return [
    { name: `${base}-metrics.csv`, type: CSV, content: metricsCsv(history) },
    { name: `${base}-probes.csv`, type: CSV, content: probeCsv(probeHistory) },
  ];
}
