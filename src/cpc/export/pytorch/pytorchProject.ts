import { strToU8, zipSync } from 'fflate';
import { decodeCheckpoint, type CheckpointManifest } from '../../checkpoint/format';
import { weightsFile } from './weightsFile';

/**
 * The files of `pytorch/` by name (`cpc.py`, `train.py`, `README.md`, ...), read by whoever builds: the
 * page bundles them (`pytorchSources.ts` in src/ui/export), the CLI reads the folder. They are written once,
 * in `pytorch/`, and never copied into TypeScript.
 */
export type PytorchSources = Readonly<Record<string, string>>;

export interface ProjectFile {
  name: string;
  content: string | Uint8Array;
}

export interface PytorchProject {
  /** A name for the project's folder (and zip): `cpc-<data>-step<N>-pytorch`. */
  name: string;
  step: number;
  files: ProjectFile[];
}

/** The project's folder for a built-in set's manifest and sprite, where train.py looks for them. */
export const PROJECT_DATASETS_DIR = 'datasets';

/** What a project cannot do without; the other sources (helpers, requirements.txt) ship as they are. */
export const REQUIRED_SOURCES = ['cpc.py', 'train.py', 'README.md'] as const;
/** The README is a template: these are filled in for the run. */
const README = 'README.md';

/** Which files of `pytorch/` the project ships: its code and text, not its tests or caches. */
export function isShippedSource(name: string): boolean {
  return /^\w[\w.-]*\.(py|md|txt)$/.test(name) && !/^test_|_test\.py$/.test(name);
}

/**
 * The project that continues a run in PyTorch: the sources, `config.json` (the run's config), `weights.pt`
 * (weights, AdamW state and random streams, see weightsFile.ts), `extra.json` (the checkpoint's curves,
 * probe runs and dataset, which train.py carries on into the checkpoint it writes), the README filled in
 * for this run, and
 * `datasetFiles` as given (the built-in set's `datasets/<name>.json` and `.png`, which train.py looks for
 * beside itself). Throws the checkpoint's own error (CheckpointError) when the bytes are not a readable
 * checkpoint.
 */
export function buildPytorchProject(
  checkpointBytes: Uint8Array,
  sources: PytorchSources,
  datasetFiles: readonly ProjectFile[] = [],
): PytorchProject {
  const missing = REQUIRED_SOURCES.filter((name) => sources[name] === undefined);
  if (missing.length > 0) throw new Error(`The PyTorch export is missing ${missing.join(', ')} (pytorch/).`);
  const checkpoint = decodeCheckpoint(checkpointBytes);
  const { manifest } = checkpoint;
  const data = dataArgument(manifest.extra);
  const name = `cpc-${fileSafe(data.slug) || 'run'}-step${manifest.step}-pytorch`;
  const code = Object.keys(sources)
    .filter((file) => file !== README && isShippedSource(file))
    .sort()
    .map((file) => ({ name: file, content: sources[file] }));
  return {
    name,
    step: manifest.step,
    files: [
      ...code,
      { name: 'config.json', content: `${JSON.stringify(manifest.config, null, 2)}\n` },
      { name: 'weights.pt', content: weightsFile(checkpoint) },
      { name: 'extra.json', content: `${JSON.stringify(manifest.extra)}\n` },
      { name: README, content: renderReadme(sources[README], manifest, data.argument) },
      ...datasetFiles,
    ],
  };
}

/** The project as one zip whose files sit in a folder named after it. */
export function pytorchProjectZip(project: PytorchProject): Uint8Array {
  return zipSync(
    Object.fromEntries(
      project.files.map((file) => [
        `${project.name}/${file.name}`,
        // weights.pt is float32 noise to deflate; storing it keeps the export quick on the page.
        [typeof file.content === 'string' ? strToU8(file.content) : file.content, { level: 0 }],
      ]),
    ),
    { level: 6 },
  );
}

/** Fills `{{step}}`, `{{data}}` and `{{createdAt}}`; a placeholder it does not know is an error. */
export function renderReadme(template: string, manifest: CheckpointManifest, data: string): string {
  const values: Record<string, string> = {
    step: String(manifest.step),
    data,
    createdAt: manifest.createdAt || 'an unknown date',
  };
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`pytorch/README.md has an unknown placeholder ${whole}.`);
    return value;
  });
}

/** The sets the playground makes in code, which train.py does not: the project needs images instead. */
const GENERATED_SETS = ['synthetic', 'textures'];
const SOME_FOLDER = 'path/to/images';

/**
 * The `--data` that trains on the run's images: a built-in set by name; an imported folder, which only the
 * user has, as a path to fill in; for a generated set, any folder of images. The page writes
 * `extra.dataset`, the runner `extra.data` (its own --data).
 */
export function dataArgument(extra: Record<string, unknown>): { argument: string; slug: string } {
  const dataset = extra.dataset as { kind?: unknown; name?: unknown } | null | undefined;
  if (dataset && typeof dataset === 'object') {
    if (dataset.kind === 'builtin' && typeof dataset.name === 'string')
      return { argument: dataset.name, slug: dataset.name };
    if (typeof dataset.kind === 'string' && GENERATED_SETS.includes(dataset.kind))
      return { argument: SOME_FOLDER, slug: dataset.kind };
    if (dataset.kind === 'images' && typeof dataset.name === 'string')
      return { argument: `path/to/${fileSafe(dataset.name) || 'images'}`, slug: dataset.name };
  }
  if (typeof extra.data === 'string' && extra.data.length > 0) {
    if (GENERATED_SETS.includes(extra.data)) return { argument: SOME_FOLDER, slug: extra.data };
    const last = extra.data.split(/[\\/]/).filter(Boolean).pop() ?? 'images';
    return { argument: extra.data, slug: last };
  }
  return { argument: SOME_FOLDER, slug: 'run' };
}

/** Lower case, ASCII letters and digits, runs of anything else as one dash. */
function fileSafe(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
