import { describe, expect, it } from 'vitest';
import { bytesOf } from '../cpc/testing/bytesOf';
import { DEFAULT_CONFIG } from '../cpc/config';
import type { ImageSet } from '../cpc/data/imageSet';
import { BackendMover } from './backendMover';
import { TrainingClient, type ClientEvent } from './client';
import type { BackendChoice, DatasetSpec, GpuAvailability, WorkerCommand, WorkerEvent } from './protocol';

/** A stand-in for a dedicated worker: records what it is sent; `say` posts an event to the page. */
class FakeWorker {
  sent: WorkerCommand[] = [];
  transfers: Transferable[][] = [];
  terminated = false;
  onmessage: ((message: { data: WorkerEvent }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  onerror: (() => void) | null = null;
  postMessage(command: WorkerCommand, transfer: Transferable[] = []): void {
    this.sent.push(command);
    this.transfers.push(transfer);
  }
  terminate(): void {
    this.terminated = true;
  }
  say(event: WorkerEvent): void {
    this.onmessage?.({ data: event });
  }
  types(): string[] {
    return this.sent.map((command) => command.type);
  }
}

const HARDWARE: GpuAvailability = { webgpu: { device: 'nvidia', software: false }, webgl: null };
const DATASET = { kind: 'synthetic', count: 8 } as const;
const DATASET_INFO = { title: 't', trainCount: 8, testCount: 0, classNames: [], classCounts: [], loadMs: 1 };

/** `gpus` 'absent': a `ready` that says nothing about GPUs (the backend was chosen, not probed). */
function setUp(
  gpus: GpuAvailability | 'absent' = HARDWARE,
  choice: BackendChoice = 'auto',
  dataset: DatasetSpec = DATASET,
) {
  const training = new FakeWorker();
  const candidates: FakeWorker[] = [];
  const client = new TrainingClient(training as unknown as Worker);
  const heard: ClientEvent[] = [];
  for (const type of ['state', 'moved', 'backend-checked', 'metrics'] as const)
    client.on(type, (event) => heard.push(event));
  const mover = new BackendMover(client, {
    softwareGpuCounts: false,
    createWorker: () => {
      const worker = new FakeWorker();
      candidates.push(worker);
      return worker as unknown as Worker;
    },
  });
  client.send({ type: 'set-visualisation', everySteps: 25 });
  client.send({ type: 'init', config: DEFAULT_CONFIG, backend: choice, dataset });
  training.say({
    type: 'ready',
    backend: 'wasm',
    reason: 'auto',
    warmupMs: 5,
    dataset: DATASET_INFO,
    ...(gpus !== 'absent' && { gpus }),
  });
  training.say({ type: 'state', running: true, step: 0 });
  const trainSteps = (stepMs: number, from: number, count: number) =>
    training.say({
      type: 'metrics',
      rows: Array.from({ length: count }, (_, i) => ({ ...ROW, step: from + i, stepMs })),
      stepsPerSecond: 1,
      imagesPerSecond: 1,
      memory: { numTensors: 1, numBytes: 1 },
    });
  return { client, mover, training, candidates, heard, trainSteps };
}

/** Lets the hand-over's promise settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const ROW = {
  step: 0,
  loss: 1,
  accuracy: 0,
  learningRate: 0.001,
  gradNorm: 1,
  finite: true,
  batchSize: 4,
  stepMs: 0,
} as unknown as Extract<WorkerEvent, { type: 'metrics' }>['rows'][number];

describe('BackendMover', () => {
  it('times a hardware GPU beside the run, then moves the run there between two steps', async () => {
    const { client, training, candidates, heard, trainSteps } = setUp();
    expect(candidates).toHaveLength(1);
    const [candidate] = candidates;
    expect(candidate.sent[0]).toMatchObject({
      type: 'time-backend',
      candidates: ['webgpu'],
      dataset: DATASET,
    });

    candidate.say({ type: 'backend-timed', backend: 'webgpu', msPerStep: 12, warmupMs: 900, note: 'nvidia' });
    expect(training.types()).not.toContain('hand-over'); // the run's own speed is not known yet
    trainSteps(65, 1, 3);
    expect(training.sent.at(-1)).toMatchObject({ type: 'hand-over' });

    // The page's commands wait for the worker that takes the run over.
    client.send({ type: 'pause' });
    expect(training.types()).not.toContain('pause');
    const checkpoint = new Uint8Array([1, 2, 3]);
    const requestId = (training.sent.at(-1) as { requestId: number }).requestId;
    training.say({
      type: 'handed-over',
      requestId,
      step: 3,
      checkpoint,
      running: true,
      untilStep: null,
      queuedSteps: 0,
    });
    await settle();

    expect(training.terminated).toBe(true);
    expect(candidate.types()).toEqual(['time-backend', 'take-over', 'set-visualisation', 'pause']);
    expect(candidate.sent[1]).toEqual({
      type: 'take-over',
      checkpoint,
      running: true,
      untilStep: null,
      queuedSteps: 0,
      reason: 'moved to WebGPU: 12 ms/step against 65 on WASM',
      fallback: 'wasm',
    });
    // The subscribers now hear the new worker.
    candidate.say({ type: 'moved', backend: 'webgpu', reason: 'moved', step: 3 });
    expect(heard.at(-1)).toMatchObject({ type: 'moved', step: 3 });
  });

  it("gives the candidate a copy of an imported set, or the page's own where it is shared", () => {
    const imported = (pixels: Uint8Array): DatasetSpec => ({
      kind: 'images',
      name: 'x',
      set: { pixels, count: 1, size: 2, channels: 1, labels: null, classNames: [] },
    });
    const pixelsSent = (worker: FakeWorker) =>
      bytesOf((worker.sent[0] as { dataset: { set: ImageSet } }).dataset.set);
    const plain = Uint8Array.of(1, 2, 3, 4);
    const { candidates: copied } = setUp(HARDWARE, 'auto', imported(plain));
    expect(pixelsSent(copied[0])).not.toBe(plain);
    expect(Array.from(pixelsSent(copied[0]))).toEqual([1, 2, 3, 4]);
    expect(copied[0].transfers[0]).toEqual([pixelsSent(copied[0]).buffer]);
    const shared = new Uint8Array(new SharedArrayBuffer(4));
    const { candidates: sharing } = setUp(HARDWARE, 'auto', imported(shared));
    expect(pixelsSent(sharing[0])).toBe(shared);
    expect(sharing[0].transfers[0]).toEqual([]);
  });

  it('stays when the GPU is not faster enough, and says why', () => {
    const { training, candidates, heard, trainSteps } = setUp();
    candidates[0].say({ type: 'backend-timed', backend: 'webgpu', msPerStep: 60, warmupMs: 900, note: '' });
    trainSteps(65, 1, 3);
    expect(training.types()).not.toContain('hand-over');
    expect(candidates[0].terminated).toBe(true);
    expect(heard.at(-1)).toEqual({
      type: 'backend-checked',
      message: 'stayed on WASM: WebGPU took 60 ms/step against 65 on WASM',
    });
  });

  it('starts no second worker without a hardware GPU, or when the user chose the backend', () => {
    expect(setUp({ webgpu: { device: 'SwiftShader', software: true }, webgl: null }).candidates).toHaveLength(
      0,
    );
    expect(setUp('absent').candidates).toHaveLength(0);
    expect(setUp(HARDWARE, 'wasm').candidates).toHaveLength(0);
  });

  it('drops the candidate when the run is rebuilt, and a failed hand-over leaves the run where it was', async () => {
    const first = setUp();
    first.client.send({ type: 'init', config: DEFAULT_CONFIG, backend: 'auto', dataset: DATASET });
    expect(first.candidates[0].terminated).toBe(true);

    const { client, training, candidates, heard, trainSteps } = setUp();
    candidates[0].say({ type: 'backend-timed', backend: 'webgpu', msPerStep: 5, warmupMs: 9, note: '' });
    trainSteps(65, 1, 3);
    client.send({ type: 'step' });
    const requestId = (training.sent.at(-1) as { requestId: number }).requestId;
    training.say({ type: 'request-failed', requestId, message: 'device gone' });
    await settle();
    expect(training.terminated).toBe(false);
    expect(training.sent.at(-1)).toEqual({ type: 'step' });
    expect(candidates[0].terminated).toBe(true);
    expect(heard.at(-1)).toEqual({
      type: 'backend-checked',
      message: 'stayed on WASM: the hand-over failed (device gone)',
    });
  });
});
