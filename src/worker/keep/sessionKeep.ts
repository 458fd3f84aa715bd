import type { ImageSet } from '../../cpc/data/imageSet';
import { encoderToLayersModel } from '../../cpc/export/encoderLayersModel';
import { serializeLayersModel } from '../../cpc/export/layersModelArtifacts';
import { embedImages } from '../../cpc/model/embed';
import { imageFeatureDim, type ImageFeature } from '../../cpc/model/imageFeatures';
import type { CpcTrainer } from '../../cpc/train/trainer';
import type { WorkerCommand, WorkerEvent } from '../protocol';

/** The commands that read the run out of the worker: a checkpoint, the encoder, the embeddings. */
export type KeepCommand = Extract<
  WorkerCommand,
  { type: 'save-checkpoint' } | { type: 'export-encoder' } | { type: 'request-embeddings' }
>;

export type KeptTrainer = Pick<CpcTrainer, 'model' | 'step' | 'saveCheckpoint'>;

export interface KeptImages {
  train: ImageSet;
  test: ImageSet | null;
}

export const ENCODER_WEIGHTS_FILE = 'encoder.weights.bin';

/**
 * Answers the keep-and-share requests between two training steps (the session runs them exclusively).
 * Every result goes to the page as transferred buffers; a failure is a `request-failed` with the same
 * requestId, and the run is untouched either way. Embeddings are of `feature`, the page's selected one.
 */
export async function handleKeepCommand(
  command: KeepCommand,
  trainer: KeptTrainer,
  images: KeptImages,
  feature: ImageFeature,
  post: (event: WorkerEvent, transfer: Transferable[]) => void,
  now: () => number = () => performance.now(),
): Promise<void> {
  const { requestId } = command;
  try {
    switch (command.type) {
      case 'save-checkpoint': {
        const started = now();
        const bytes = await trainer.saveCheckpoint(command.extra);
        const saveMs = now() - started;
        return post({ type: 'checkpoint', requestId, step: trainer.step, bytes, saveMs }, [bytes.buffer]);
      }
      case 'export-encoder': {
        const layers = encoderToLayersModel(trainer.model);
        try {
          const { modelJson, weights } = await serializeLayersModel(layers, ENCODER_WEIGHTS_FILE);
          return post(
            {
              type: 'encoder-export',
              requestId,
              step: trainer.step,
              modelJson,
              weightsFileName: ENCODER_WEIGHTS_FILE,
              weights,
            },
            [weights],
          );
        } finally {
          layers.dispose();
        }
      }
      case 'request-embeddings': {
        const event = await embeddingsOf(trainer, images, feature, requestId);
        return post(event, [event.vectors.buffer]);
      }
    }
  } catch (err) {
    post(
      { type: 'request-failed', requestId, message: err instanceof Error ? err.message : String(err) },
      [],
    );
  }
}

type EmbeddingsEvent = Extract<WorkerEvent, { type: 'embeddings' }>;

/** Training images first, then the held-out ones; unnamed images are called e.g. "train-0012". */
async function embeddingsOf(
  trainer: KeptTrainer,
  images: KeptImages,
  feature: ImageFeature,
  requestId: number,
): Promise<EmbeddingsEvent> {
  const parts = images.test ? [images.train, images.test] : [images.train];
  const dim = imageFeatureDim(trainer.model, feature);
  const count = parts.reduce((n, set) => n + set.count, 0);
  const vectors = new Float32Array(count * dim);
  const names: string[] = [];
  const split: ('train' | 'test')[] = [];
  const labelled = parts.every((set) => set.labels !== null);
  const labels: string[] = [];
  let offset = 0;
  for (const [index, set] of parts.entries()) {
    const which = index === 0 ? 'train' : 'test';
    vectors.set(await embedImages(trainer.model, set, feature), offset * dim);
    for (let i = 0; i < set.count; i++) {
      names.push(set.names?.[i] ?? `${which}-${String(i).padStart(4, '0')}`);
      split.push(which);
      if (labelled && set.labels) labels.push(set.classNames[set.labels[i]] ?? String(set.labels[i]));
    }
    offset += set.count;
  }
  return {
    type: 'embeddings',
    requestId,
    step: trainer.step,
    dim,
    vectors,
    names,
    labels: labelled ? labels : null,
    split,
  };
}
