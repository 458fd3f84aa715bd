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

/** The run's trainer, or a CommandRejected for a command that needs one before `init`. */
export function requireTrainer(run: Run): SessionTrainer {
  if (!run.trainer) throw new CommandRejected('No model yet: send init first.');
  return run.trainer;
}

/** The run's trainer, unless a GPU fault is being recovered from (`fault`): its steps cannot be trusted. */
export function requireTrainable(run: Run, fault: string | null): SessionTrainer {
  const trainer = requireTrainer(run);
  if (fault !== null)
    throw new CommandRejected(`${fault} The run is being rebuilt from its last snapshot: wait for it.`);
  return trainer;
}
