import type { GuidedLesson } from './types';

export const shortcuts: GuidedLesson = {
  id: 'shortcuts',
  title: 'Shortcuts: how CPC cheats',
  summary: 'Overlap, colour and batch norm: clues that lower the loss without teaching the codes anything.',
  steps: [
    {
      title: 'A lower loss is not better features',
      text: [
        'CPC is rewarded for one thing: picking the true patch out of the candidates. Any clue that does that lowers the loss, even a clue that says nothing about what the image shows.',
        'Three such shortcuts are well known: shared pixels between context and target (overlap, see "Predicting the future"), colour, and batch norm. This lesson shows the last two.',
      ],
      setup: { hiddenPanels: [] },
    },
    {
      title: 'Colour gives the answer away',
      text: [
        'These generated textures are in colour, and each image has colours of its own. With the colour augmentations off, the model can find the true patch by its colour alone: the loss falls lower, but the codes learn little else.',
        'With a small reference model on such textures, a linear probe read about 51% of the classes without colour dropping, against about 87% with it.',
      ],
      setup: { dataset: 'textures', fields: { augColorDrop: 0, augGrayscale: 0, augColorJitter: 0 } },
      tryThis: {
        prompt: 'Press Step five times and note the loss.',
        check: { kind: 'steps-grew', steps: 5 },
      },
    },
    {
      title: 'Colour dropping',
      text: [
        'Colour dropping keeps, with the probability you set, one colour channel of a patch, chosen at random, and sets the others to grey. Colour can no longer be trusted, so the model has to match shapes and textures. CPC v2 added it and gained 3 points on ImageNet.',
      ],
      tryThis: {
        prompt: 'Set "Colour dropping" to 0.5 (a live change) and keep training.',
        check: { kind: 'config-equals', field: 'augColorDrop', value: 0.5 },
      },
    },
    {
      title: 'Batch norm leaks',
      text: [
        "Batch norm normalises each feature with statistics of the whole batch, so every patch's code carries a trace of the other patches in the batch. The model can use that trace to find its true patch instead of understanding it.",
        'CPC v2 replaced batch norm with layer norm, which looks at each patch alone. Layer norm is the default here.',
      ],
      setup: { fields: { norm: 'batch' } },
      tryThis: {
        prompt: 'Set "Normalisation" back to layer and rebuild the model.',
        check: { kind: 'config-equals', field: 'norm', value: 'layer' },
      },
    },
  ],
};
