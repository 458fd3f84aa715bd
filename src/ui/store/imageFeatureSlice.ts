import type { StateCreator } from 'zustand';
import { DEFAULT_IMAGE_FEATURE, type ImageFeature } from '../../cpc/model/imageFeatureInfo';
import type { PlaygroundMutators, PlaygroundState } from './types';

/** How an image becomes one vector for neighbours, the map, the probe and the embeddings export. */
export interface ImageFeatureSlice {
  imageFeature: ImageFeature;
  /** Selects it here and in the worker, which keeps it across runs (a new worker is told on connect). */
  setImageFeature: (feature: ImageFeature) => void;
}

export const createImageFeatureSlice: StateCreator<
  PlaygroundState,
  PlaygroundMutators,
  [],
  ImageFeatureSlice
> = (set, get) => ({
  imageFeature: DEFAULT_IMAGE_FEATURE,
  setImageFeature: (feature) => {
    set({ imageFeature: feature });
    get().send({ type: 'set-image-feature', feature });
  },
});
