import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssembleRequest } from './assembleProtocol';
import { decodeInto, stalledMessage, type DecodeWorker } from './decodeQueue';
import type { DecodeRequest, DecodeResponse } from './decodeProtocol';
import type { ImportFile } from './fileSources';

/** A decode worker that answers only when the test says so. */
class FakeWorker implements DecodeWorker {
  onmessage: DecodeWorker['onmessage'] = null;
  onerror: DecodeWorker['onerror'] = null;
  readonly requests: DecodeRequest[] = [];
  terminated = false;
  postMessage(request: DecodeRequest): void {
    this.requests.push(request);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Answers the batch `id` it was sent, each file as one skipped outcome. */
  answer(id: number): void {
    const request = this.requests.find((r) => r.id === id);
    if (!request) throw new Error(`batch ${id} was never sent to this worker`);
    const outcomes = request.files.map((f) => ({ path: f.path, reason: 'fake' }));
    this.onmessage?.({ data: { id, outcomes } satisfies DecodeResponse } as MessageEvent<DecodeResponse>);
  }
}

/** `count` batches of two files each, named b<batch>-<file>. */
function batchesOf(count: number): ImportFile[][] {
  return Array.from({ length: count }, (_, b) =>
    [0, 1].map((f) => ({ path: `b${b}-${f}.jpg`, file: new Blob([]) })),
  );
}

function setUp(batchCount: number, workers: number, batchesPerWorker = 100) {
  const made: FakeWorker[] = [];
  const forwarded: string[] = [];
  const sink = {
    postMessage: (message: AssembleRequest) => {
      if (message.kind === 'outcomes')
        forwarded.push(...message.outcomes.map((o) => o.path.replace('.jpg', '')));
    },
  };
  const controller = new AbortController();
  const done = decodeInto(sink, batchesOf(batchCount), {
    size: 8,
    channels: 1,
    workers,
    signal: controller.signal,
    stallMs: 10_000,
    batchesPerWorker,
    createWorker: () => {
      made.push(new FakeWorker());
      return made[made.length - 1];
    },
  });
  return { made, forwarded, done, controller };
}

/** Every batch id the worker was sent, in order. */
const sentIds = (worker: FakeWorker) => worker.requests.map((r) => r.id);

describe('decodeInto', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives each worker two batches, then one more per answer, and ends every worker', async () => {
    const { made, forwarded, done } = setUp(5, 2);
    expect(made.map(sentIds)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    made[1].answer(2);
    expect(sentIds(made[1])).toEqual([2, 3, 4]);
    made[0].answer(0);
    made[0].answer(1);
    made[1].answer(3);
    made[1].answer(4);
    await done;
    expect(forwarded).toEqual([
      'b2-0',
      'b2-1',
      'b0-0',
      'b0-1',
      'b1-0',
      'b1-1',
      'b3-0',
      'b3-1',
      'b4-0',
      'b4-1',
    ]);
    expect(made.every((w) => w.terminated)).toBe(true);
  });

  it('hands over to a fresh worker after its share of batches, and ends the old one once it has answered', async () => {
    const { made, forwarded, done } = setUp(10, 1, 4);
    made[0].answer(0);
    made[0].answer(1);
    expect(sentIds(made[0])).toEqual([0, 1, 2, 3]);
    made[0].answer(2);
    // Its fourth batch still decoding, the successor is already loading with the next two.
    expect(made).toHaveLength(2);
    expect(sentIds(made[1])).toEqual([4, 5]);
    expect(made[0].terminated).toBe(false);
    made[0].answer(3);
    expect(made[0].terminated).toBe(true);
    for (const id of [4, 5, 6]) made[1].answer(id);
    made[2].answer(8);
    made[1].answer(7);
    made[2].answer(9);
    await done;
    expect(made.map(sentIds)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(forwarded).toEqual([0, 1, 2, 3, 4, 5, 6, 8, 7, 9].flatMap((b) => [`b${b}-0`, `b${b}-1`]));
    expect(made.every((w) => w.terminated)).toBe(true);
  });

  it('replaces a worker silent for the stall time, and its batches are decoded once by the fresh one', async () => {
    const { made, forwarded, done } = setUp(4, 2);
    made[0].answer(0); // worker 0 now holds batch 1 alone: there is no fifth batch to give it
    expect(sentIds(made[0])).toEqual([0, 1]);
    made[1].answer(2);
    made[1].answer(3);
    // Worker 0 last answered at 0 s and still holds batch 1: at 9 s it is not yet stalled.
    vi.advanceTimersByTime(9_000);
    expect(made).toHaveLength(2);
    vi.advanceTimersByTime(1_000);
    expect(made).toHaveLength(3);
    expect(made[0].terminated).toBe(true);
    expect(made[0].onmessage).toBeNull();
    expect(sentIds(made[2])).toEqual([1]);
    made[2].answer(1);
    await done;
    expect(forwarded.sort()).toEqual(['b0-0', 'b0-1', 'b1-0', 'b1-1', 'b2-0', 'b2-1', 'b3-0', 'b3-1'].sort());
  });

  it('keeps a slow worker that answers within the stall time', async () => {
    const { made, done } = setUp(6, 1);
    for (const id of [0, 1, 2, 3, 4, 5]) {
      vi.advanceTimersByTime(9_500);
      made[0].answer(id);
    }
    await done;
    expect(made).toHaveLength(1);
  });

  it('ends the import with a message naming the batch that stalled twice', async () => {
    const { made, done } = setUp(1, 1);
    const failed = expect(done).rejects.toThrow(stalledMessage(batchesOf(1)[0], 10_000));
    vi.advanceTimersByTime(10_000);
    expect(made).toHaveLength(2);
    vi.advanceTimersByTime(10_000);
    await failed;
    expect(made.every((w) => w.terminated)).toBe(true);
  });

  it('stops on cancel and ends its workers', async () => {
    const { made, done, controller } = setUp(3, 2);
    controller.abort();
    await expect(done).rejects.toThrow('Import cancelled.');
    expect(made.every((w) => w.terminated)).toBe(true);
  });
});

describe('stalledMessage', () => {
  it('names the first file and counts the others', () => {
    expect(stalledMessage(batchesOf(1)[0].slice(0, 1), 60_000)).toMatch(
      /^The import stopped: reading or decoding b0-0.jpg gave/,
    );
    expect(stalledMessage(batchesOf(1)[0], 60_000)).toBe(
      'The import stopped: reading or decoding b0-0.jpg and the file after it gave no answer in 60 s, ' +
        'twice. The current set is kept. Import the folder again, or without those files.',
    );
  });
});
