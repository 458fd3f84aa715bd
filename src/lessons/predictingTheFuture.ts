import type { GuidedLesson } from './types';

export const predictingTheFuture: GuidedLesson = {
  id: 'predicting-the-future',
  title: 'Predicting the future, and negatives',
  summary:
    'The context, the prediction k rows ahead, why k starts at 2, and the negatives it is scored against.',
  steps: [
    {
      title: 'The context: what the model has read',
      text: [
        'The context model (a GRU by default) reads the patch codes row by row, top to bottom, and sums up rows 0…t in one vector c_t. It sees nothing below row t.',
        'For each step ahead k, a linear map W_k turns c_t into a guess of the code k rows below. Learning to make good guesses forces the codes to capture what the image is like, not its pixels one by one.',
      ],
      setup: {
        fields: {
          imageSize: 28,
          patchSize: 8,
          patchStride: 4,
          kMin: 'auto',
          kMax: 3,
          directions: 'top-down',
          loss: 'infonce',
          candidates: 'sampled',
          negatives: 15,
        },
        hiddenPanels: [],
      },
      tryThis: { prompt: 'Press Train and let it run.', check: { kind: 'training' } },
    },
    {
      title: 'Why k starts at 2',
      text: [
        'Patches here are 8 px at stride 4, so the patch one row below the context shares its top half with the last context row. Predicting it (k = 1) can be done by copying pixels the model already sees: a shortcut that teaches nothing about the image.',
        'Well-known implementations therefore predict 2 rows ahead and more, and "auto" does the same: it picks the smallest k whose target shares no pixel with the context. Horizons that are too short give features barely better than random ones.',
      ],
      tryThis: {
        prompt:
          'In the Model panel, set "Largest k" to 4 and rebuild: the model then predicts 2, 3 and 4 rows ahead.',
        check: { kind: 'config-equals', field: 'kMax', value: 4 },
      },
    },
    {
      title: 'Negatives: a multiple-choice test',
      text: [
        'A guess is not compared with the true code alone. It is scored (a dot product) against the true patch and against negatives: patches from other places and other images. InfoNCE is a softmax over these scores, and the loss is −log p(true patch).',
        'With 15 negatives there are 16 candidates. Guessing blindly gives a loss of log 16 ≈ 2.77 and an accuracy of 1/16: the chance lines on the charts.',
      ],
      tryThis: {
        prompt:
          'Set "Negatives" to 31. It is a live change, no rebuild: the task gets harder and chance drops to 1/32.',
        check: { kind: 'config-equals', field: 'negatives', value: 31 },
      },
    },
    {
      title: 'Every patch of the row',
      text: [
        "The paper's InfoNCE scores each guess against every patch of the target row in the whole batch, not a few samples: many more, and harder, negatives.",
        'Too few or too easy negatives is the usual reason a loss sticks at log N: the model never has to tell similar patches apart.',
      ],
      tryThis: {
        prompt: 'Set "Candidates" to "row" (live) and watch the chance line move.',
        check: { kind: 'config-equals', field: 'candidates', value: 'row' },
      },
    },
  ],
};
