import type { DatasetInfo, DatasetSpec } from '../../worker/protocol';

/** What the chooser offers; 'images' means the user's own import, 'webcam' classes recorded on the page. */
export type DatasetChoice = 'fashion-mnist' | 'mnist' | 'synthetic' | 'textures' | 'images' | 'webcam';

export const DATASET_CHOICES: readonly { value: DatasetChoice; label: string }[] = [
  { value: 'fashion-mnist', label: 'Fashion-MNIST' },
  { value: 'mnist', label: 'MNIST digits' },
  { value: 'synthetic', label: 'Synthetic shapes' },
  { value: 'textures', label: 'Colour textures (generated)' },
  { value: 'images', label: 'Your images' },
  { value: 'webcam', label: 'Webcam classes' },
];

export const SYNTHETIC_IMAGES = 512;
/** Ten classes: enough that the probe's 20 % held out has some 40 images of each. */
export const TEXTURE_IMAGES = 2000;
export const DEFAULT_DATASET: DatasetSpec = { kind: 'builtin', name: 'fashion-mnist' };

/** The spec a choice trains on; null for 'images' and 'webcam', which wait for the user's images. */
export function specForChoice(choice: DatasetChoice): DatasetSpec | null {
  switch (choice) {
    case 'fashion-mnist':
    case 'mnist':
      return { kind: 'builtin', name: choice };
    case 'synthetic':
      return { kind: 'synthetic', count: SYNTHETIC_IMAGES };
    case 'textures':
      return { kind: 'textures', count: TEXTURE_IMAGES };
    case 'images':
    case 'webcam':
      return null;
  }
}

/** How far the training worker has got with the dataset, as the page shows it. */
export type DatasetStatus =
  { state: 'loading'; fraction: number; message: string } | { state: 'loaded'; info: DatasetInfo };

export const INITIAL_DATASET_STATUS: DatasetStatus = { state: 'loading', fraction: 0, message: 'Starting…' };
