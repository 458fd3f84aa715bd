/**
 * The page's side of moving a run to a faster backend (decisions in backendMove.ts). After the run is
 * ready on wasm, a second worker (the candidate) starts a GPU backend, compiles the run's step and times
 * warm steps, while the run trains on. If the GPU is faster, the training worker hands the run over
 * between two steps (a checkpoint: weights, optimizer state, random streams and step), the candidate
 * takes it over, and the client talks to the candidate from then on. Commands the page sends during the
 * hand-over wait for the new worker, so no step is lost or repeated.
 */
import type { CpcConfig } from '../cpc/config';
import {
  CANDIDATE_STEPS,
  decideMove,
  displayName,
  moveCandidates,
  RECENT_STEPS,
  recentMsPerStep,
} from './backendMove';
import { createTrainingWorker, TrainingClient, type ClientEvent } from './client';
import { datasetForInit } from './datasetForInit';
import type { BackendChoice, BackendName, DatasetSpec, GpuAvailability, WorkerCommand } from './protocol';

type Timed = Extract<ClientEvent, { type: 'backend-timed' }>;
type HandedOver = Extract<ClientEvent, { type: 'handed-over' }>;

export interface MoverOptions {
  /** Test-only switch: a software GPU is a candidate and counts as faster (the move always happens). */
  softwareGpuCounts: boolean;
  createWorker?: () => Worker;
}

/** The run the training worker was last told to build, as far as a candidate needs it. */
interface RunPlan {
  choice: BackendChoice;
  /** null until a `resume` says which config its checkpoint holds. */
  config: CpcConfig | null;
  /** The candidate's dataset (datasetForInit); null once sent or not needed. */
  dataset: { dataset: DatasetSpec; transfer: Transferable[] } | null;
}

interface Candidate {
  client: TrainingClient;
  timed: Timed | null;
}

/** Request ids of hand-overs, apart from the page's own (checkpoints count up from 0, exports down). */
const HAND_OVER_IDS_FROM = 2 ** 40;

export class BackendMover {
  private plan: RunPlan | null = null;
  private current: BackendName | null = null;
  /** What the training worker's `auto` probe found; null when it did not look (a chosen backend). */
  private gpus: GpuAvailability | null = null;
  private rows: { stepMs: number }[] = [];
  private candidate: Candidate | null = null;
  /** Set by `ready`: the candidate starts with the `state` after it (a `resume` names its config between). */
  private startAfterReady = false;
  private moving = false;
  private nextRequestId = HAND_OVER_IDS_FROM;
  private readonly createWorker: () => Worker;
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly client: TrainingClient,
    private readonly options: MoverOptions,
  ) {
    this.createWorker = options.createWorker ?? createTrainingWorker;
    client.onCommand = (command) => this.onCommand(command);
    this.unsubscribe = [
      client.on('ready', (event) => {
        this.current = event.backend;
        this.gpus = event.gpus ?? null;
        this.rows = [];
        this.startAfterReady = true;
      }),
      client.on('resumed', (event) => {
        if (this.plan) this.plan.config = event.config;
      }),
      client.on('state', () => {
        if (!this.startAfterReady) return;
        this.startAfterReady = false;
        this.startCandidate();
      }),
      client.on('metrics', (event) => {
        this.rows = [...this.rows, ...event.rows].slice(-RECENT_STEPS);
        this.decide();
      }),
      client.on('recovered', (event) => {
        this.current = event.backend;
        this.rows = [];
      }),
      client.on('crash', () => this.drop()),
    ];
  }

  dispose(): void {
    this.drop();
    this.client.onCommand = null;
    this.unsubscribe.forEach((off) => off());
  }

  private onCommand(command: WorkerCommand): void {
    if (command.type === 'init' || command.type === 'resume') {
      this.drop();
      this.plan = {
        choice: command.backend,
        config: command.type === 'init' ? command.config : null,
        // Only `auto` may move; the copy is the candidate's, sent (transferred) when it starts.
        dataset: command.backend === 'auto' ? datasetForInit(command.dataset) : null,
      };
    } else if (command.type === 'dispose') {
      this.drop();
      this.plan = null;
    }
  }

  private startCandidate(): void {
    const plan = this.plan;
    const current = this.current;
    if (!plan?.config || !plan.dataset || current === null || this.gpus === null) return;
    const { softwareGpuCounts } = this.options;
    const candidates = moveCandidates(plan.choice, current, this.gpus, softwareGpuCounts);
    const { dataset, transfer } = plan.dataset;
    plan.dataset = null;
    if (candidates.length === 0) return;
    const client = new TrainingClient(this.createWorker());
    const candidate: Candidate = { client, timed: null };
    this.candidate = candidate;
    client.on('backend-timed', (event) => {
      candidate.timed = event;
      this.decide();
    });
    const fail = (message: string) => this.stay(`stayed on ${displayName(current)}: ${message}`);
    client.on('error', (event) => fail(event.message));
    client.on('crash', (event) => fail(event.message));
    client.send(
      {
        type: 'time-backend',
        config: plan.config,
        dataset,
        candidates,
        softwareGpuCounts: this.options.softwareGpuCounts,
        steps: CANDIDATE_STEPS,
      },
      transfer,
    );
  }

  /** After the candidate's timing and after each batch of the run's metrics, until it moves or stays. */
  private decide(): void {
    const timed = this.candidate?.timed;
    if (!timed || this.moving || this.current === null) return;
    if (timed.backend === null) return this.stay(`stayed on ${displayName(this.current)}: GPU ${timed.note}`);
    const decision = decideMove(
      { backend: this.current, msPerStep: recentMsPerStep(this.rows) },
      { backend: timed.backend, msPerStep: timed.msPerStep },
      this.options.softwareGpuCounts,
    );
    if (decision.kind === 'stay') this.stay(decision.message);
    else if (decision.kind === 'move') void this.move(decision.message, timed.backend);
  }

  private async move(message: string, to: BackendName): Promise<void> {
    const candidate = this.candidate;
    const from = this.current;
    if (!candidate || from === null) return;
    this.moving = true;
    this.client.holdCommands();
    let handed: HandedOver;
    try {
      handed = await this.handOver();
    } catch (err) {
      this.moving = false;
      this.client.releaseCommands();
      const why = err instanceof Error ? err.message : String(err);
      return this.stay(`stayed on ${displayName(from)}: the hand-over failed (${why})`);
    }
    const { checkpoint, running, untilStep, queuedSteps } = handed;
    candidate.client.post(
      { type: 'take-over', checkpoint, running, untilStep, queuedSteps, reason: message, fallback: from },
      [checkpoint.buffer],
    );
    this.candidate = null;
    this.current = to;
    this.rows = [];
    this.moving = false;
    this.client.replaceWorker(candidate.client.release());
  }

  /** Asks the training worker for the run between two steps; rejects when it cannot hand it over. */
  private handOver(): Promise<HandedOver> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      const offs = [
        this.client.on('handed-over', (event) => {
          if (event.requestId === requestId) settle(() => resolve(event));
        }),
        this.client.on('request-failed', (event) => {
          if (event.requestId === requestId) settle(() => reject(new Error(event.message)));
        }),
        this.client.on('crash', (event) => settle(() => reject(new Error(event.message)))),
      ];
      const settle = (done: () => void) => {
        offs.forEach((off) => off());
        done();
      };
      this.client.post({ type: 'hand-over', requestId });
    });
  }

  /** The run stays where it is: the candidate goes, and the page hears why. */
  private stay(message: string): void {
    this.drop();
    this.client.emit({ type: 'backend-checked', message });
  }

  /** Ends the candidate (never in the middle of a hand-over: that one finishes on its own). */
  private drop(): void {
    if (this.moving) return;
    this.candidate?.client.terminate();
    this.candidate = null;
    this.startAfterReady = false;
  }
}
