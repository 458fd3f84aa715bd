/// <reference types="vite/client" />
import { isShippedSource, type PytorchSources } from '../../cpc/export/pytorch/pytorchProject';

/**
 * The repository's `pytorch/` folder as text, bundled by Vite at build time: the Python files are written
 * once, there, and the CLI (src/node/pytorch/pytorchSources.ts) reads the same folder from disk.
 */
const FILES = import.meta.glob<string>('../../../pytorch/*.{py,md,txt}', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export const PYTORCH_SOURCES: PytorchSources = Object.fromEntries(
  Object.entries(FILES)
    .map(([path, text]) => [path.slice(path.lastIndexOf('/') + 1), text] as const)
    .filter(([name]) => isShippedSource(name)),
);
