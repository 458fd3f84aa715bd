import type { ImageSet } from '../../cpc/data/imageSet';
import { nearestNeighbours, pca2d, precisionAtK } from '../../cpc/eval';
import type { EmbeddingMapResult, NeighboursResult } from './messages';
import { thumbnailsOf } from './thumbnails';

/** One image feature (imageFeatures.ts) per image of a set, [count, dim] row-major. */
export interface Embeddings {
  features: Float32Array;
  dim: number;
}

/** The k images most cosine-similar to image `query` of the set (itself left out), with their labels. */
export async function neighboursOf(
  images: ImageSet,
  embeddings: Embeddings,
  query: number,
  k: number,
): Promise<NeighboursResult> {
  const { indices, scores } = await nearestNeighbours(embeddings.features, embeddings.dim, query, k);
  const labels = images.labels;
  const hitLabels = labels ? Array.from(indices, (i) => labels[i]) : null;
  const queryLabel = labels ? labels[query] : null;
  return {
    query,
    indices: Array.from(indices),
    scores: Array.from(scores),
    labels: hitLabels,
    queryLabel,
    precision: hitLabels && queryLabel !== null ? precisionAtK(hitLabels, queryLabel) : null,
    thumbnails: thumbnailsOf(images, [query, ...indices]),
  };
}

/** The set on its first two principal components. */
export async function embeddingMap(images: ImageSet, embeddings: Embeddings): Promise<EmbeddingMapResult> {
  const { points, explainedVariance } = await pca2d(embeddings.features, embeddings.dim);
  return { points, labels: images.labels ? Int32Array.from(images.labels) : null, explainedVariance };
}
