/**
 * The resident memory of the browser's renderer processes that this Node process launched: the page's
 * main thread and all its workers live there, so its peak is the tab's peak. Read from /proc (Linux);
 * elsewhere `sample` returns null. Numbers only, for benches.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Sum of VmRSS, in bytes, of the renderers below this process; null when /proc is not there. */
export function rendererBytes(): number | null {
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return null;
  }
  const parents = new Map<number, number>();
  for (const pid of pids) {
    const stat = read(`/proc/${pid}/stat`);
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
    if (stat) parents.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
  }
  let total = 0;
  for (const pid of pids) {
    if (!descendsFrom(pid, process.pid, parents)) continue;
    if (!read(`/proc/${pid}/cmdline`)?.includes('--type=renderer')) continue;
    const rss = /VmRSS:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`) ?? '');
    if (rss) total += Number(rss[1]) * 1024;
  }
  return total;
}

/** Samples `rendererBytes` every `ms` until stopped; `stop` gives the peak (null without /proc). */
export function sampleRendererPeak(ms = 100): { stop: () => number | null } {
  let peak = rendererBytes();
  const timer = setInterval(() => {
    const now = rendererBytes();
    if (now !== null) peak = Math.max(peak ?? 0, now);
  }, ms);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

function descendsFrom(pid: number, ancestor: number, parents: Map<number, number>): boolean {
  for (let at = parents.get(pid), hops = 0; at !== undefined && at > 1 && hops < 16; hops++) {
    if (at === ancestor) return true;
    at = parents.get(at);
  }
  return false;
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
