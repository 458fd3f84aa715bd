import type { CpcConfig } from '../../cpc/config';
import type { ImageSet } from '../../cpc/data/imageSet';
import type { ProbeScores, StopCheck } from '../../cpc/eval';
import type { CpcModel } from '../../cpc/model/cpcModel';
import { embedImages } from '../../cpc/model/embed';
import {
  DEFAULT_IMAGE_FEATURE,
  imageFeatureDim,
  isImageFeature,
  type ImageFeature,
} from '../../cpc/model/imageFeatures';
import { createRng, type Rng } from '../../cpc/random';
import type { CpcTrainer } from '../../cpc/train/trainer';
import { chooseEvaluationSet, type EvaluationSet } from './evaluationSet';
import { InspectionBatch } from './inspection';
import type { AnalysisCommand, AnalysisEvent, NeighboursResult } from './messages';
import { chooseProbeSets, runProbe, type ProbeSets, type RandomInitScores } from './probe';
import { checkProbeEvery, probeDue, type ProbeMoment } from './probeSchedule';
import { embeddingMap, neighboursOf, type Embeddings } from './retrieval';
import { thumbnailsOf } from './thumbnails';

/** Steps between snapshots until the page sets its own rate. */
export const DEFAULT_VISUALISATION_EVERY = 50;
export const DEFAULT_NEIGHBOURS = 8;
const MAX_NEIGHBOURS = 64;
/** Keeps the analysis streams apart from the trainer's (which fork from seed + 1 + step). */
const ANALYSIS_SEED_OFFSET = 0x5eed;

/** What the analysis reads from the trainer; never the optimizer. */
export type AnalysedTrainer = Pick<CpcTrainer, 'model' | 'step' | 'currentConfig'>;

export interface AnalysisData {
  train: ImageSet;
  /** The labelled held-out split, when the dataset has one. */
  test: ImageSet | null;
  config: CpcConfig;
}

/** Every analysis command but the settings (rates and feature), which need no model. */
export type AnalysisRequest = Exclude<
  AnalysisCommand,
  { type: 'set-visualisation' | 'set-image-feature' | 'set-probe-schedule' }
>;

export type PostAnalysis = (event: AnalysisEvent, transfer: Transferable[]) => void;

/** Per-init state: which images are looked at, drawn once from the run's seed. */
interface RunState {
  train: ImageSet;
  test: ImageSet | null;
  evaluation: EvaluationSet;
  inspection: InspectionBatch;
  queryRng: Rng;
  probeRng: Rng;
  probeSets: ProbeSets | string | null;
  /** Raw-pixel scores on the probe sets, from the first probe: the same images always score the same. */
  probePixels: ProbeScores | null;
  /** Random-init scores by feature, from the first probe of each: the fresh encoder never changes. */
  probeRandomInit: RandomInitScores;
  /** The weights last probed (a reset makes a new model), so no step is probed twice. */
  lastProbe: { model: CpcModel; step: number } | null;
  lastQuery: number;
  cached: { model: CpcModel; step: number; feature: ImageFeature; embeddings: Embeddings } | null;
}

/**
 * The worker side of "What it learned": answers the page's requests and pushes a snapshot every few
 * steps. The session calls it between training steps only, so it never sees weights mid-update.
 */
export class SessionAnalysis {
  private everySteps = DEFAULT_VISUALISATION_EVERY;
  /** Steps between automatic probes; null until the page sets a schedule (tests and scripts probe on request). */
  private probeEvery: number | null = null;
  private feature: ImageFeature = DEFAULT_IMAGE_FEATURE;
  private run: RunState | null = null;

  constructor(
    private readonly post: PostAnalysis,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A new run's data (on init): new evaluation and inspection images; the visualisation rate stays. */
  useData({ train, test, config }: AnalysisData): void {
    const root = createRng(config.seed + ANALYSIS_SEED_OFFSET);
    this.run = {
      train,
      test,
      evaluation: chooseEvaluationSet(train, test, root.fork()),
      inspection: new InspectionBatch(train, config.batchSize, root.fork()),
      queryRng: root.fork(),
      probeRng: root.fork(),
      probeSets: null,
      probePixels: null,
      probeRandomInit: {},
      lastProbe: null,
      lastQuery: 0,
      cached: null,
    };
  }

  clear(): void {
    this.run = null;
  }

  /** These weights were probed already (a resumed checkpoint's own probe): no automatic probe repeats it. */
  probedAlready(trainer: AnalysedTrainer): void {
    if (this.run) this.run.lastProbe = { model: trainer.model, step: trainer.step };
  }

  async handle(command: AnalysisRequest, trainer: AnalysedTrainer): Promise<void> {
    const run = this.requireRun();
    switch (command.type) {
      case 'request-inspection': {
        const { model, currentConfig, step } = trainer;
        const event = await run.inspection.inspect(model, run.train, currentConfig, command, step);
        return this.post(event, buffersOf(event.patches, event.images.pixels));
      }
      case 'request-neighbours': {
        const neighbours = await this.neighbours(run, trainer, command.query, command.k);
        const event = { type: 'neighbours', step: trainer.step, ...neighbours } as const;
        return this.post(event, buffersOf(neighbours.thumbnails.pixels));
      }
      case 'request-embedding-map': {
        const map = await embeddingMap(run.evaluation.images, await this.embeddings(run, trainer));
        return this.post(
          { type: 'embedding-map', step: trainer.step, ...map },
          buffersOf(map.points, map.labels),
        );
      }
      case 'request-probe':
        return this.probe(run, trainer, command.allFeatures ?? false);
      case 'request-evaluation-images': {
        const { images, source } = run.evaluation;
        const thumbnails = thumbnailsOf(
          images,
          Array.from({ length: images.count }, (_, i) => i),
        );
        const labels = images.labels ? Int32Array.from(images.labels) : null;
        return this.post(
          {
            type: 'evaluation-images',
            source,
            images: thumbnails,
            labels,
            classNames: [...images.classNames],
          },
          buffersOf(thumbnails.pixels, labels),
        );
      }
    }
  }

  /** Called after every training step: posts a snapshot and probes when they are due. */
  async afterStep(trainer: AnalysedTrainer): Promise<void> {
    await this.snapshotIfDue(trainer);
    await this.autoProbe('step', trainer);
  }

  /**
   * Probes by itself when the schedule says so (probeSchedule.ts); the session calls it between steps
   * only. Sets without labels are skipped: the page asks once to show why there is no probe.
   */
  async autoProbe(moment: ProbeMoment, trainer: AnalysedTrainer, stop?: StopCheck): Promise<void> {
    const run = this.run;
    if (!run || this.probeEvery === null) return;
    run.probeSets ??= chooseProbeSets(run.train, run.test, run.probeRng);
    if (typeof run.probeSets === 'string') return;
    const lastProbeStep = run.lastProbe?.model === trainer.model ? run.lastProbe.step : null;
    if (!probeDue(moment, { step: trainer.step, lastProbeStep, everySteps: this.probeEvery })) return;
    await this.probe(run, trainer, false, stop);
  }

  private async probe(
    run: RunState,
    trainer: AnalysedTrainer,
    allFeatures: boolean,
    stop?: StopCheck,
  ): Promise<void> {
    run.probeSets ??= chooseProbeSets(run.train, run.test, run.probeRng);
    const request = {
      feature: this.feature,
      allFeatures,
      pixels: run.probePixels,
      randomInit: run.probeRandomInit,
      untrained: trainer.step === 0,
      stop,
    };
    const outcome = await runProbe(trainer.model, run.probeSets, request, this.now);
    if (outcome.available) {
      run.probePixels = outcome.pixels;
      for (const [f, scores] of Object.entries(outcome.features)) {
        run.probeRandomInit[f as ImageFeature] = scores.randomInit;
      }
      run.lastProbe = { model: trainer.model, step: trainer.step };
    }
    this.post({ type: 'probe', step: trainer.step, ...outcome }, []);
  }

  private async snapshotIfDue(trainer: AnalysedTrainer): Promise<void> {
    const run = this.run;
    if (!run || this.everySteps === 0 || trainer.step % this.everySteps !== 0) return;
    const started = this.now();
    const neighbours = await this.neighbours(run, trainer, run.lastQuery);
    const map = await embeddingMap(run.evaluation.images, await this.embeddings(run, trainer));
    this.post(
      { type: 'snapshot', step: trainer.step, neighbours, map, costMs: this.now() - started },
      buffersOf(neighbours.thumbnails.pixels, map.points, map.labels),
    );
  }

  /** Steps between snapshots; 0 = none. Kept across runs. */
  setVisualisation(everySteps: number): void {
    if (!(Number.isInteger(everySteps) && everySteps >= 0)) {
      throw new Error(`The visualisation rate must be a whole number of steps (0 = off), got ${everySteps}.`);
    }
    this.everySteps = everySteps;
  }

  /**
   * Turns the automatic probes on (ready, pause) with a probe every `everySteps` training steps; 0 keeps
   * only ready and pause. Kept across runs.
   */
  setProbeSchedule(everySteps: unknown): void {
    this.probeEvery = checkProbeEvery(everySteps);
  }

  /** The image feature for neighbours, the map, the probe's headline and the embeddings export. Kept across runs. */
  setImageFeature(feature: unknown): void {
    if (!isImageFeature(feature)) throw new Error(`Unknown image feature ${JSON.stringify(feature)}.`);
    this.feature = feature;
  }

  get imageFeature(): ImageFeature {
    return this.feature;
  }

  private async neighbours(
    run: RunState,
    trainer: AnalysedTrainer,
    query: number | 'random',
    k = DEFAULT_NEIGHBOURS,
  ): Promise<NeighboursResult> {
    const { images } = run.evaluation;
    const index = query === 'random' ? run.queryRng.int(images.count) : query;
    if (!(Number.isInteger(index) && index >= 0 && index < images.count)) {
      throw new Error(`The query must be an evaluation image 0..${images.count - 1}, got ${index}.`);
    }
    if (!(Number.isInteger(k) && k >= 1 && k <= MAX_NEIGHBOURS)) {
      throw new Error(`k must be a whole number in 1..${MAX_NEIGHBOURS}, got ${k}.`);
    }
    run.lastQuery = index;
    return neighboursOf(images, await this.embeddings(run, trainer), index, k);
  }

  /** The evaluation set's embeddings, computed once per model, step and feature. */
  private async embeddings(run: RunState, { model, step }: AnalysedTrainer): Promise<Embeddings> {
    const { cached } = run;
    const feature = this.feature;
    if (cached?.model === model && cached.step === step && cached.feature === feature) {
      return cached.embeddings;
    }
    const embeddings = {
      features: await embedImages(model, run.evaluation.images, feature),
      dim: imageFeatureDim(model, feature),
    };
    run.cached = { model, step, feature, embeddings };
    return embeddings;
  }

  private requireRun(): RunState {
    if (!this.run) throw new Error('No model yet: send init first.');
    return this.run;
  }
}

/** The buffers behind an event's arrays, to transfer them (each array is a fresh copy made for the page). */
function buffersOf(...views: (ArrayBufferView | null)[]): ArrayBuffer[] {
  return views.flatMap((view) => (view ? [view.buffer as ArrayBuffer] : []));
}
