import type { CpcConfig } from '../../cpc/config';

/**
 * One line for every number the page shows: what it is and how to read it. Numbers that depend on the
 * run take their values as arguments, so the sentence says "of 576" where the page says 576.
 */

/** How many candidates training scores each prediction against, in words. */
export function trainingCandidates(
  config: Pick<CpcConfig, 'candidates' | 'negatives'>,
  count: number,
): string {
  return config.candidates === 'row'
    ? `${count} candidates (every patch of the target row in the batch)`
    : `${count} candidates (the true patch and ${config.negatives} negatives)`;
}

export const EXPLAIN = {
  trueRank: (rank: number, pool: number, images: number, training: string) =>
    `Here the prediction is scored against all ${pool} patches of the ${images} images shown (every ` +
    `position of every image); ${rank - 1} of them beat the true patch. Training is an easier test: each ` +
    `prediction is scored against only ${training}.`,
  candidateScore:
    'Score = W_k c_t · z: the dot product of the prediction from the context with this patch’s code. ' +
    'Higher means the model finds it a likelier continuation; only the order matters.',
  trueScore: 'The true patch’s score W_k c_t · z. Training pushes it above every negative’s score.',
  precisionAt: (k: number) =>
    `Precision@${k}: the share of the ${k} nearest images (by cosine similarity of their codes) that ` +
    'have the query’s label. Labels are never used for training, so this measures what CPC found by itself.',
  neighbourSame: 'Green frame: this neighbour has the same label as the query.',
  neighbourScore:
    'Cosine similarity of this image’s code to the query’s: 1 is the same direction, 0 unrelated.',
  chanceAccuracy: (candidates: number) =>
    `What guessing scores: the true patch is one of ${candidates} candidates, so a random pick is right ` +
    `1 time in ${candidates}. CPC accuracy above this means the model learned something.`,

  step: 'Training steps so far: one step is one batch of images and one update of the weights.',
  loss: 'The contrastive loss of the last step (lower is better). At chance it is log N for InfoNCE, log 2 for BCE.',
  cpcAccuracy:
    'Share of the last step’s predictions whose true patch scored above every negative. Compare it with chance.',
  learningRate: 'How big a step the optimiser takes now (it follows the warm-up and schedule).',
  speed: 'Training steps per second on this machine and backend.',
  images: 'Images per second the model trains on (steps per second × batch size).',
  trainingTime: 'Time spent training, pauses left out.',
  tensors: 'Developer figure: tfjs tensors alive and the memory they hold. A steady count means no leak.',
  gpuMemory: 'Developer figure: memory the GPU backend holds.',
  pageHeap: 'Developer figure: the page’s JavaScript heap (Chromium only); training itself runs in a worker.',

  grid: 'How each image is cut: a grid of square patches; the encoder turns each patch into a code z.',
  overlap:
    'How much neighbouring patches share. With overlap, a patch one step ahead shares pixels with the ' +
    'context, which is why k starts beyond the overlap.',
  steps:
    'How many patches ahead the model predicts. k starts at ceil(patch/stride), the first patch that shares no pixels with the context.',
  predictions:
    'Predictions per image per step: each context position predicts each k that stays inside the grid.',
  candidates:
    'How many patches each prediction must pick the true one from: the true patch plus the negatives.',
} as const;

export type ExplanationKey = keyof typeof EXPLAIN;
