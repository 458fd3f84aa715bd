import { choice, float, int, type FieldSection } from './fieldKinds';

// How the model is trained: the loss and its candidates, the optimiser, the per-patch augmentation.
// Most of it is live (applied between two steps); only the choice of loss builds a new model.

export const LOSS_SECTION = {
  title: 'Loss and negatives',
  fields: {
    loss: choice({
      options: ['infonce', 'bce'],
      default: 'infonce',
      label: 'Loss',
      doc: 'InfoNCE (softmax over the positive and its negatives) or sigmoid + binary cross-entropy per candidate.',
    }),
    /**
     * `sampled` is the Keras implementation; `row` is the paper's InfoNCE: B·G candidates from every image
     * of the batch, many more and harder than a few samples.
     */
    candidates: choice({
      options: ['sampled', 'row'],
      default: 'sampled',
      live: true,
      label: 'Candidates',
      doc: 'Sampled negatives, or every patch of the target row in the batch.',
    }),
    negatives: int({
      min: 1,
      max: 1024,
      default: 15,
      live: true,
      label: 'Negatives',
      doc: 'Negatives scored against each prediction (sampled candidates).',
    }),
    sameImageNegatives: float({
      min: 0,
      max: 1,
      default: 0.25,
      live: true,
      label: 'Same-image negatives',
      doc: 'Share of negatives taken from other positions of the same image (the rest from other images).',
    }),
  },
} satisfies FieldSection;

export const OPTIMISATION_SECTION = {
  title: 'Optimisation',
  fields: {
    batchSize: int({
      min: 1,
      max: 256,
      default: 16,
      live: true,
      label: 'Batch size',
      doc: 'Images per training step.',
    }),
    /** Absurd values are allowed on purpose: watching a run blow up (and recover) is part of the lesson. */
    learningRate: float({
      min: 0,
      max: 1e6,
      default: 2e-3,
      live: true,
      label: 'Learning rate',
      doc: 'Peak learning rate.',
    }),
    warmupSteps: int({
      min: 0,
      max: 100_000,
      default: 50,
      live: true,
      label: 'Warm-up steps',
      doc: 'Steps of linear warm-up from 0 to the peak learning rate.',
    }),
    schedule: choice({
      options: ['constant', 'cosine'],
      default: 'cosine',
      live: true,
      label: 'Schedule',
      doc: 'Learning-rate shape after warm-up.',
    }),
    scheduleSteps: int({
      min: 1,
      max: 10_000_000,
      default: 5000,
      live: true,
      label: 'Schedule length',
      doc: 'Length of the cosine schedule in steps (it stays at the floor afterwards).',
    }),
    minLearningRateRatio: float({
      min: 0,
      max: 1,
      default: 0.05,
      live: true,
      label: 'LR floor (× peak)',
      doc: 'Floor of the cosine schedule as a fraction of the peak learning rate.',
    }),
    weightDecay: float({
      min: 0,
      max: 1,
      default: 1e-4,
      live: true,
      label: 'Weight decay',
      doc: 'Decoupled (AdamW) weight decay on weight matrices; biases and norm gains are not decayed.',
    }),
    gradClip: float({
      min: 0,
      max: 1000,
      default: 1,
      live: true,
      label: 'Gradient clip',
      doc: 'Clip the global gradient norm to this value; 0 = off.',
    }),
  },
} satisfies FieldSection;

/** Probabilities and strengths in [0, 1], applied to each patch independently; all 0 turns them off. */
export const AUGMENTATION_SECTION = {
  title: 'Augmentation (per patch)',
  fields: {
    augJitter: float({
      min: 0,
      max: 1,
      default: 0.5,
      live: true,
      label: 'Spatial jitter',
      doc: 'Random sub-crop padded back into place (CPC v1 spatial jitter); 1 = crops up to half the patch.',
    }),
    augFlip: float({
      min: 0,
      max: 1,
      default: 0,
      live: true,
      label: 'Flip probability',
      doc: 'Probability of flipping a patch left-right.',
    }),
    /** On by default: on RGB data it stops the encoder matching patches by colour alone. */
    augColorDrop: float({
      min: 0,
      max: 1,
      default: 0.5,
      live: true,
      label: 'Colour dropping',
      doc: 'Probability of keeping one random colour channel, the others mid-grey (CPC v2); no effect on grayscale.',
    }),
    augColorJitter: float({
      min: 0,
      max: 1,
      default: 0.2,
      live: true,
      label: 'Colour jitter',
      doc: 'Strength of random brightness, contrast and saturation changes.',
    }),
    augGrayscale: float({
      min: 0,
      max: 1,
      default: 0,
      live: true,
      label: 'Grayscale probability',
      doc: 'Probability of turning a patch grayscale.',
    }),
    augShearRotate: float({
      min: 0,
      max: 1,
      default: 0,
      live: true,
      label: 'Shear / rotation',
      doc: 'Strength of random shear and rotation (1 = up to ±30° rotation and ±0.3 shear).',
    }),
    augElastic: float({
      min: 0,
      max: 1,
      default: 0,
      live: true,
      label: 'Elastic deformation',
      doc: 'Strength of elastic deformation (1 = displacements up to a quarter of the patch).',
    }),
  },
} satisfies FieldSection;
