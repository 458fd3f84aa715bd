import { describe, expect, it } from 'vitest';
import { describeFloor, type ImportFloor } from './importFloor';

const floor: ImportFloor = {
  files: 10_000,
  workers: 2,
  read: { seconds: 12.81, cpuSeconds: 17.5, threadCpu: null },
  readAndDecode: {
    seconds: 18.94,
    cpuSeconds: 27.27,
    threadCpu: [{ process: 'browser', thread: 'Chrome_IOThread', threads: 1, seconds: 7.55 }],
  },
  undecoded: 0,
};

describe('describeFloor', () => {
  it('gives each pass its time and its CPU per file, then where the second pass spent it', () => {
    expect(describeFloor(floor)).toBe(
      'floor (bare workers ×2, no app code): 10000 files read in 12.8 s, CPU 1.75 ms a file; read and ' +
        'decoded in 18.9 s, CPU 2.73 ms a file; CPU by thread browser: Chrome_IOThread 7.55 s; all threads 7.55 s',
    );
  });

  it('leaves the CPU out off Linux, and says how many files the bare decode could not decode', () => {
    const noCpu = { seconds: 1, cpuSeconds: null, threadCpu: null };
    expect(describeFloor({ ...floor, read: noCpu, readAndDecode: noCpu, undecoded: 3 })).toBe(
      'floor (bare workers ×2, no app code): 10000 files read in 1.0 s; read and decoded in 1.0 s (3 not decoded)',
    );
  });
});
