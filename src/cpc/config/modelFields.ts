import { choice, int, intOrAuto, type FieldSection } from './fieldKinds';

// What the model is: the image and its patches, the encoder, the context model. Every field here shapes
// the weights, so none is live: a change builds a new model.

export const IMAGE_SECTION = {
  title: 'Image and patches',
  fields: {
    imageSize: int({
      min: 8,
      max: 256,
      default: 28,
      label: 'Image size (px)',
      doc: 'Side in pixels of the square training image (images are resized to it).',
    }),
    channels: choice({ options: [1, 3], default: 1, label: 'Channels', doc: 'Grayscale (1) or RGB (3).' }),
    patchSize: int({
      min: 2,
      max: 128,
      default: 8,
      label: 'Patch size (px)',
      doc: 'Side of one square patch in pixels.',
    }),
    patchStride: int({
      min: 1,
      max: 128,
      default: 4,
      label: 'Patch stride (px)',
      doc: 'Pixels between neighbouring patch origins; a stride below the patch size overlaps patches.',
    }),
    seed: int({
      min: 0,
      max: 2 ** 31 - 1,
      default: 1,
      label: 'Seed',
      doc: 'Seed for weights, batches, augmentation and negatives: same seed, same run.',
    }),
  },
} satisfies FieldSection;

export const ENCODER_SECTION = {
  title: 'Encoder',
  fields: {
    encoder: choice({
      options: ['simple-cnn', 'resnet'],
      default: 'simple-cnn',
      label: 'Encoder',
      doc: 'Patch encoder f: a Keras-style stack of strided convs, or a small pre-activation ResNet.',
    }),
    encoderWidth: int({
      min: 4,
      max: 256,
      default: 64,
      label: 'Encoder width',
      doc: 'Filters per conv layer (simple CNN) or channels of the residual stream (ResNet).',
    }),
    encoderDepth: int({
      min: 1,
      max: 8,
      default: 2,
      label: 'Encoder depth',
      doc: 'Conv layers (simple CNN) or residual blocks (ResNet).',
    }),
    encoderHidden: int({
      min: 0,
      max: 1024,
      default: 128,
      label: 'Dense width',
      doc: 'Width of the dense layer after the convs (simple CNN); 0 = none.',
    }),
    codeSize: int({
      min: 4,
      max: 512,
      default: 64,
      label: 'Code size (z)',
      doc: 'Length of the patch code z.',
    }),
    /** Layer norm by default: batch norm lets CPC cheat (see nn/norm.ts). */
    norm: choice({
      options: ['none', 'batch', 'layer'],
      default: 'layer',
      label: 'Normalisation',
      doc: 'Normalisation in the encoder.',
    }),
  },
} satisfies FieldSection;

export const CONTEXT_SECTION = {
  title: 'Context and prediction',
  fields: {
    context: choice({
      options: ['gru', 'lstm', 'masked-conv'],
      default: 'gru',
      label: 'Context model',
      doc: 'Autoregressive context model.',
    }),
    contextHidden: int({
      min: 4,
      max: 512,
      default: 64,
      label: 'Context size (c)',
      doc: 'Size of the context vector c_t.',
    }),
    contextLayers: int({
      min: 1,
      max: 6,
      default: 2,
      label: 'Context layers',
      doc: 'Causal conv layers (masked-conv only).',
    }),
    directions: choice({
      options: ['top-down', 'all'],
      default: 'top-down',
      label: 'Directions',
      doc: 'Predict top→bottom only (CPC v1) or from all four sides (CPC v2).',
    }),
    kMin: intOrAuto({
      min: 1,
      max: 32,
      default: 'auto',
      label: 'Smallest k',
      doc: "Smallest step ahead to predict; 'auto' skips k = 1 when patches overlap by half or more.",
    }),
    kMax: int({
      min: 1,
      max: 32,
      default: 4,
      label: 'Largest k',
      doc: 'Largest step ahead to predict (rows below the context row).',
    }),
  },
} satisfies FieldSection;
