import type { GuidedLesson } from './types';

export const fourDirections: GuidedLesson = {
  id: 'four-directions',
  title: 'Four directions',
  summary: 'CPC v1 predicts downwards only; CPC v2 sets the same task from all four sides.',
  steps: [
    {
      title: 'Top to bottom',
      text: [
        'CPC v1 reads an image like a page: the context is the rows above, and it predicts the rows below. Patches near the top are predicted from little context, and the bottom rows are never context at all.',
      ],
      setup: {
        fields: {
          imageSize: 28,
          patchSize: 8,
          patchStride: 4,
          kMin: 'auto',
          kMax: 2,
          directions: 'top-down',
        },
        hiddenPanels: ['data'],
      },
      tryThis: {
        prompt: 'Press Step once and look at the patch grid: the context is above, the targets below.',
        check: { kind: 'steps-grew', steps: 1 },
      },
    },
    {
      title: 'From all four sides',
      text: [
        'CPC v2 sets the same task four times: context above and targets below, context below and targets above, and likewise from the left and from the right. Each direction is the top-down task on a flipped or turned grid, with its own predictions.',
        'Almost every patch is now both context and target, seen from several sides.',
      ],
      setup: { fields: { directions: 'all' } },
      tryThis: {
        prompt: 'In the patch grid, set "Predict" to upwards (context below).',
        check: { kind: 'patch-changed', direction: 'up' },
      },
    },
    {
      title: 'Four times the work',
      text: [
        'Four directions mean up to four times the prediction tasks per image, so a step takes longer. CPC v2 found it worth it, together with layer norm and stronger augmentation.',
        'Compare the steps per second with the first step of this lesson, and the probe after the same number of steps.',
      ],
      setup: { hiddenPanels: [] },
      tryThis: {
        prompt: 'Press Step five times.',
        check: { kind: 'steps-grew', steps: 5 },
      },
    },
  ],
};
