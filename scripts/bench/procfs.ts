/**
 * Reading Linux's /proc for the benches: the processes this Node process launched (Chromium's browser,
 * renderers and helpers), their command lines and their stat lines. Every reader returns null where /proc
 * is not there.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these ticks. */
export const CLOCK_TICKS_PER_SECOND = 100;

/** The processes below this one, with their command lines (arguments joined by spaces); null without /proc. */
export function descendantProcesses(): { pid: number; cmdline: string }[] | null {
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
    const fields = statFields(readProc(`/proc/${pid}/stat`));
    if (fields) parents.set(pid, Number(fields[1]));
  }
  return pids
    .filter((pid) => descendsFrom(pid, process.pid, parents))
    .map((pid) => ({ pid, cmdline: readProc(`/proc/${pid}/cmdline`)?.replaceAll('\0', ' ') ?? '' }));
}

/** The fields after "pid (comm) ": comm may hold spaces and parentheses, so split after the last ')'. */
export function statFields(stat: string | null): string[] | null {
  return stat ? stat.slice(stat.lastIndexOf(')') + 2).split(' ') : null;
}

/** A stat line's user and system CPU seconds: fields 14 and 15 of the line, 12 and 13 after "(comm) ". */
export function cpuSeconds(fields: readonly string[]): number {
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** A file of /proc, or null when it is gone (a process or thread that ended) or unreadable. */
export function readProc(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

function descendsFrom(pid: number, ancestor: number, parents: Map<number, number>): boolean {
  for (let at = parents.get(pid), hops = 0; at !== undefined && at > 1 && hops < 16; hops++) {
    if (at === ancestor) return true;
    at = parents.get(at);
  }
  return false;
}
