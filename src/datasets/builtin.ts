/** The datasets that ship with the app, built by `npm run build:datasets` into public/datasets/. */
export const BUILTIN_DATASETS = ['mnist', 'fashion-mnist'] as const;

export type BuiltinDatasetName = (typeof BUILTIN_DATASETS)[number];

/** File names of a built-in set's manifest and sprite, relative to the datasets folder. */
export function builtinDatasetFiles(name: BuiltinDatasetName): { manifest: string; sprite: string } {
  return { manifest: `${name}.json`, sprite: `${name}.png` };
}
