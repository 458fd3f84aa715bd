import type { ImageSet } from '../../cpc/data/imageSet';
import type { CpcTrainer } from '../../cpc/train/trainer';
import type { BackendName } from '../protocol';

/** The part of CpcTrainer the session drives. */
export type SessionTrainer = Pick<
  CpcTrainer,
  | 'step'
  | 'currentConfig'
  | 'trainStep'
  | 'stepAsync'
  | 'setHyperparameters'
  | 'dispose'
  | 'model'
  | 'saveCheckpoint'
>;

/** What the session's parts share: the run being trained, its data and the backend it runs on. */
export interface Run {
  trainer: SessionTrainer | null;
  images: ImageSet | null;
  /** Held-out images for the probes (manifest split, or seeded 80/20 of a labelled import); null when none. */
  testImages: ImageSet | null;
  backend: BackendName | null;
}

/** A command that was refused before it touched the run: the run (if any) goes on as it was. */
export class CommandRejected extends Error {}
