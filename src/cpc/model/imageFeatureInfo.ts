/**
 * The image features' names and docs, apart from the code that computes them (imageFeatures.ts) so that
 * the page can offer the choice without importing tfjs.
 */

/**
 * The ways an image becomes one vector for probes, neighbours and the map. Mean-pooling the patch codes
 * (CPC v1's evaluation) throws the layout away; pooling them on a coarse grid keeps it (CPC-NOTES:
 * 82.6% against 88.6% on Fashion-MNIST).
 */
export type ImageFeature = 'mean-z' | 'grid2-z' | 'grid3-z' | 'z-c' | 'hidden';

export const IMAGE_FEATURES: readonly ImageFeature[] = ['grid3-z', 'grid2-z', 'mean-z', 'z-c', 'hidden'];

/** Chosen by the quality benchmark (docs/quality.md): the best linear probe on every built-in set. */
export const DEFAULT_IMAGE_FEATURE: ImageFeature = 'grid3-z';

export const IMAGE_FEATURE_INFO: Record<ImageFeature, { title: string; doc: string }> = {
  'grid3-z': {
    title: 'z on a 3×3 grid',
    doc: 'Patch codes z averaged in each cell of a 3×3 grid over the image, concatenated: keeps the layout.',
  },
  'grid2-z': {
    title: 'z on a 2×2 grid',
    doc: 'Patch codes z averaged in each quarter of the image, concatenated.',
  },
  'mean-z': {
    title: 'mean z',
    doc: 'The mean of all patch codes z (CPC v1): ignores where each patch sits.',
  },
  'z-c': {
    title: 'mean z ⊕ mean c',
    doc: 'Mean patch code z beside the mean context vector c, which has read whole columns of patches.',
  },
  hidden: {
    title: 'encoder hidden layer',
    doc: "Mean over patches of the encoder's features before its last linear projection to z.",
  },
};

export function isImageFeature(value: unknown): value is ImageFeature {
  return typeof value === 'string' && (IMAGE_FEATURES as readonly string[]).includes(value);
}
