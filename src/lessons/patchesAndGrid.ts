import type { GuidedLesson } from './types';

/** 28 px images in a 6×6 grid of 8 px patches at stride 4: the page's usual 50%-overlap grid. */
const HALF_OVERLAP_GRID = { imageSize: 28, patchSize: 8, patchStride: 4, kMin: 'auto', kMax: 2 } as const;

export const patchesAndGrid: GuidedLesson = {
  id: 'patches-and-grid',
  title: 'Patches and the grid',
  summary: 'How CPC cuts an image into overlapping patches, and which patches it predicts from which.',
  steps: [
    {
      title: 'From an image to a grid of patches',
      text: [
        'CPC never looks at a whole image at once. Each 28×28 image is cut into a 6×6 grid of 8 px patches. A new patch starts every 4 px (the stride), so neighbouring patches share half their pixels.',
        'The encoder turns every patch into a short list of numbers, its code z. The Model panel shows the grid this config makes; the patch grid under "What it learned" draws it on a real image.',
      ],
      setup: { fields: { ...HALF_OVERLAP_GRID, directions: 'top-down' }, hiddenPanels: ['data'] },
      tryThis: {
        prompt: 'Press Step once: the patch grid now shows what a model trained for one step predicts.',
        check: { kind: 'steps-grew', steps: 1 },
      },
    },
    {
      title: 'Context and targets',
      text: [
        'In the patch grid, the context patches are those the model has read so far: the rows above, top to bottom. The target patches lie below; their codes are what the model must predict.',
        'The list beside the grid ranks candidate patches by how well each matches the prediction. Early on the true patch ranks anywhere; as training goes on it should climb to the top.',
      ],
      tryThis: {
        prompt: 'Click another patch in the mosaic (or pick another image) to predict from there.',
        check: { kind: 'patch-changed' },
      },
    },
    {
      title: 'Patches that only touch',
      text: [
        'With the stride equal to the patch size, patches no longer overlap: a 4×4 grid of 7 px patches. The row just below the context now shares no pixel with it, so predicting one row ahead (k = 1) is a fair task, and k starts at 1.',
        'Fewer patches (16 instead of 36) means fewer predictions per image, and each patch is seen in fewer contexts.',
      ],
      setup: { fields: { imageSize: 28, patchSize: 7, patchStride: 7, kMin: 'auto', kMax: 2 } },
      tryThis: {
        prompt: 'Press Step three times and watch the grid and its ranking.',
        check: { kind: 'steps-grew', steps: 3 },
      },
    },
    {
      title: 'Back to half overlap',
      text: [
        'Most small-image CPC setups use 50% overlap: more patches, each seen in more contexts. The price is a shortcut: with half its pixels shared, the patch one row below could be predicted by copying. So the page starts at k = 2 ("auto" in the Model panel), where target and context share nothing.',
      ],
      setup: { fields: HALF_OVERLAP_GRID, hiddenPanels: [] },
      tryThis: {
        prompt: 'Press Train and watch the loss leave the chance line.',
        check: { kind: 'training' },
      },
    },
  ],
};
