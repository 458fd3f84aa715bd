/**
 * Where an import's CPU goes: the CPU time of every thread of the Chromium processes below this Node
 * process, read from /proc (Linux; null elsewhere), summed by process type and thread name (the decode
 * workers, the renderer's image decoder threads, the browser's IO thread...). On two cores, CPU is what an
 * import waits for, and wall-clock CPU profiles misplace it when threads wait for a core.
 * Sampled every `ms`: a thread that ends meanwhile (a decode worker hands over every 512 files) keeps
 * what it had used at its last sample, so up to `ms` of each such thread is missed. Reading /proc costs
 * CPU itself (reading the stat files of 169 threads took 13 ms on this 2-core machine while it was
 * busy), so benches take this only when asked (`--threads`).
 */
import { readdirSync } from 'node:fs';
import { cpuSeconds, descendantProcesses, readProc, statFields } from './procfs';

/** One group of threads: the same process type and thread name. */
export interface ThreadGroup {
  /** 'browser', 'renderer', 'gpu-process', 'utility: network'... */
  process: string;
  /** Linux's name for the thread (15 characters at most); 'main' for a process's first thread. */
  thread: string;
  threads: number;
  seconds: number;
}

/** A thread's CPU reading: which group it belongs to, and its CPU seconds so far. */
export interface ThreadReading {
  process: string;
  thread: string;
  seconds: number;
}

/** Starts sampling; `stop` gives each group's CPU seconds over the sampled time, largest first (null without /proc). */
export function sampleThreadCpu(ms = 100): { stop: () => ThreadGroup[] | null } {
  const start = readThreads();
  const last = new Map(start);
  const timer = setInterval(() => {
    for (const [tid, reading] of readThreads() ?? []) last.set(tid, reading);
  }, ms);
  let groups: ThreadGroup[] | null | undefined;
  return {
    // Once: a second call gives the first call's groups.
    stop: () => {
      if (groups !== undefined) return groups;
      clearInterval(timer);
      for (const [tid, reading] of readThreads() ?? []) last.set(tid, reading);
      groups = start && groupThreads(start, last);
      return groups;
    },
  };
}

/**
 * Each thread's use between two readings (a thread new since `start` counts from its birth), summed by
 * process type and thread name, groups under 10 ms left out.
 */
export function groupThreads(
  start: ReadonlyMap<string, ThreadReading>,
  end: ReadonlyMap<string, ThreadReading>,
): ThreadGroup[] {
  const groups = new Map<string, ThreadGroup>();
  for (const [tid, reading] of end) {
    const seconds = reading.seconds - (start.get(tid)?.seconds ?? 0);
    const key = `${reading.process}\n${reading.thread}`;
    const group = groups.get(key) ?? {
      process: reading.process,
      thread: reading.thread,
      threads: 0,
      seconds: 0,
    };
    group.threads += seconds > 0 ? 1 : 0;
    group.seconds += seconds;
    groups.set(key, group);
  }
  return [...groups.values()].filter((g) => g.seconds >= 0.01).sort((a, b) => b.seconds - a.seconds);
}

/** `renderer: main 1.20 s, renderer: DedicatedWorker ×5 3.10 s, …` (the top `top` groups, and the total). */
export function describeThreadCpu(groups: readonly ThreadGroup[], top = 8): string {
  const total = groups.reduce((sum, g) => sum + g.seconds, 0);
  const shown = groups
    .slice(0, top)
    .map(
      (g) => `${g.process}: ${g.thread}${g.threads > 1 ? ` ×${g.threads}` : ''} ${g.seconds.toFixed(2)} s`,
    );
  return `CPU by thread ${shown.join(', ')}; all threads ${total.toFixed(2)} s`;
}

/** The process type a Chromium command line names: its --type (with a utility's service), else the browser. */
export function processType(cmdline: string): string {
  const type = /--type=([\w-]+)/.exec(cmdline)?.[1];
  if (!type) return 'browser';
  const service = /--utility-sub-type=(?:\w+\.mojom\.)?(\w+)/.exec(cmdline)?.[1];
  return service ? `${type}: ${service.replace(/Service$/, '').toLowerCase()}` : type;
}

/** A /proc/<pid>/task/<tid>/stat line's thread name and CPU seconds; `main` when the tid is the pid. */
export function parseThreadStat(
  stat: string,
  pid: number,
  tid: number,
): { thread: string; seconds: number } | null {
  const fields = statFields(stat);
  const name = /\((.*)\)/s.exec(stat)?.[1];
  if (!fields || fields.length < 13 || name === undefined) return null;
  return { thread: tid === pid ? 'main' : name, seconds: cpuSeconds(fields) };
}

/** Every thread of the Chromium processes below this one, by "pid/tid"; null without /proc. */
function readThreads(): Map<string, ThreadReading> | null {
  const processes = descendantProcesses();
  if (!processes) return null;
  const threads = new Map<string, ThreadReading>();
  for (const { pid, cmdline } of processes) {
    if (!/chrom/i.test(cmdline.split(' ')[0])) continue;
    const type = processType(cmdline);
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // ended since the listing
    }
    for (const tid of tids) {
      const stat = readProc(`/proc/${pid}/task/${tid}/stat`);
      const parsed = stat && parseThreadStat(stat, pid, Number(tid));
      if (parsed) threads.set(`${pid}/${tid}`, { process: type, ...parsed });
    }
  }
  return threads;
}
