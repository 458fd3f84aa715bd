import type { GuidedLesson } from './types';

/** Steps of training before the second probe: enough for the codes to move away from random init. */
const TRAINED_STEPS = 30;

export const doesItLearn: GuidedLesson = {
  id: 'does-it-learn',
  title: 'Does it learn? The probe',
  summary:
    'A linear probe on the frozen codes, against the same encoder at random init and against raw pixels.',
  steps: [
    {
      title: 'A probe asks what the codes know',
      text: [
        "CPC never sees a label. To test its codes, the page freezes the encoder and trains a small linear classifier, a probe, to read the class (shirt, sandal, …) from each image's code. It is graded on images it did not train on.",
        'High probe accuracy means the classes can be read straight off the codes: the codes captured what the images are.',
      ],
      setup: { dataset: 'fashion-mnist', hiddenPanels: [] },
      tryThis: {
        prompt: 'Press "Run probe" now, before any training.',
        check: { kind: 'probe-ran', atLeastStep: 0 },
      },
    },
    {
      title: 'Two baselines',
      text: [
        'The probe table compares three things on the same images: the CPC encoder, the same encoder with random weights (random init), and the raw pixels. A random encoder already does far better than chance, and raw pixels do well on Fashion-MNIST (around 80%).',
        'So CPC has learned something only where it beats random init, and its codes are useful where they beat pixels too.',
      ],
      tryThis: {
        prompt: `Train for at least ${TRAINED_STEPS} steps, then run the probe again.`,
        check: { kind: 'probe-ran', atLeastStep: TRAINED_STEPS },
      },
    },
    {
      title: 'Where each patch was',
      text: [
        "An image has many patch codes; the probe needs one vector. Averaging them all (mean z, as in CPC v1) throws away where each patch was. Averaging on a 3×3 grid keeps the layout: in a reference run it read Fashion-MNIST's classes better than the pixels (about 89% against 85%), where mean z fell below them.",
      ],
      tryThis: {
        prompt: 'Choose the image feature "mean z" and run the probe: compare it with "z on a 3×3 grid".',
        check: { kind: 'probe-ran', atLeastStep: 0, feature: 'mean-z' },
      },
    },
    {
      title: 'Learning takes time',
      text: [
        'Probe accuracy can rise slowly and then jump: on colour textures a small model went from about 43% at step 500 to 77% at step 1000. A few hundred steps of a small model may not beat pixels yet.',
        'Compare at the same step, on the same images, and always beside random init: that is the honest answer to "did it learn?".',
      ],
      tryThis: { prompt: 'Press Train and probe again later.', check: { kind: 'training' } },
    },
  ],
};
