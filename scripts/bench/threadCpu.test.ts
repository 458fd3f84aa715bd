import { describe, expect, it } from 'vitest';
import {
  describeThreadCpu,
  groupThreads,
  parseThreadStat,
  processType,
  type ThreadReading,
} from './threadCpu';

/** A stat line as /proc writes it, with `utime` and `stime` in ticks (fields 14 and 15). */
function statLine(pid: number, comm: string, utime: number, stime: number): string {
  const rest = ['S', '1', '1', '1', '0', '-1', '4194560', '10', '0', '0', '0', String(utime), String(stime)];
  return `${pid} (${comm}) ${rest.join(' ')} 0 0 20 0 1 0 100 0 0`;
}

describe('parseThreadStat', () => {
  it('reads the name and user + system seconds, even with spaces and parentheses in the name', () => {
    expect(parseThreadStat(statLine(7, 'DedicatedWorker', 250, 31), 3, 7)).toEqual({
      thread: 'DedicatedWorker',
      seconds: 2.81,
    });
    expect(parseThreadStat(statLine(9, 'a) (b', 10, 0), 3, 9)).toEqual({ thread: 'a) (b', seconds: 0.1 });
    // A process's first thread is named after the binary: called main.
    expect(parseThreadStat(statLine(3, 'chromium', 100, 0), 3, 3)).toEqual({ thread: 'main', seconds: 1 });
    expect(parseThreadStat('3 (cut', 3, 3)).toBeNull();
  });
});

describe('processType', () => {
  it("names Chromium's processes by --type, a utility by its service, and the browser by having none", () => {
    expect(processType('/usr/lib/chromium/chromium --no-sandbox --remote-debugging-pipe')).toBe('browser');
    expect(processType('/usr/lib/chromium/chromium --type=renderer --enable-unsafe-webgpu')).toBe('renderer');
    expect(processType('/usr/lib/chromium/chromium --type=gpu-process --x')).toBe('gpu-process');
    expect(
      processType('chromium --type=utility --utility-sub-type=network.mojom.NetworkService --lang=en'),
    ).toBe('utility: network');
  });
});

describe('groupThreads', () => {
  const reading = (process: string, thread: string, seconds: number): ThreadReading => ({
    process,
    thread,
    seconds,
  });

  it('sums each thread since the start (new ones since birth) by process and name, largest first', () => {
    const start = new Map([
      ['1/1', reading('browser', 'main', 5)],
      ['1/2', reading('browser', 'Chrome_IOThread', 2)],
      ['4/4', reading('renderer', 'main', 3)],
      ['4/8', reading('renderer', 'DedicatedWorker', 1)],
    ]);
    const end = new Map([
      ['1/1', reading('browser', 'main', 5.2)],
      ['1/2', reading('browser', 'Chrome_IOThread', 3.4)],
      ['4/4', reading('renderer', 'main', 3.5)],
      ['4/8', reading('renderer', 'DedicatedWorker', 2)], // ended before the end: its last sample
      ['4/9', reading('renderer', 'DedicatedWorker', 1.5)], // born during the import
      ['6/6', reading('gpu-process', 'main', 0.005)], // under 10 ms: left out
    ]);
    const groups = groupThreads(start, end);
    expect(groups.map((g) => [g.process, g.thread, g.threads])).toEqual([
      ['renderer', 'DedicatedWorker', 2],
      ['browser', 'Chrome_IOThread', 1],
      ['renderer', 'main', 1],
      ['browser', 'main', 1],
    ]);
    expect(groups.map((g) => g.seconds)).toEqual([2.5, expect.closeTo(1.4, 9), 0.5, expect.closeTo(0.2, 9)]);
    expect(describeThreadCpu(groups, 2)).toBe(
      'CPU by thread renderer: DedicatedWorker ×2 2.50 s, browser: Chrome_IOThread 1.40 s; all threads 4.60 s',
    );
  });
});
