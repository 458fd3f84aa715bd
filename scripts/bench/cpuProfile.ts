/**
 * What the main thread spent its time on, read from a Chromium trace or a CPU profile: for the long-task
 * runs of `npm run bench -- ui --mode longtasks` (./modes/uiLongTasks.ts).
 */

/** Stretches of the main thread busier than this are reported. */
const REPORT_MS = 30;

export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    parent?: number;
  }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * The renderer main thread's 8 longest tasks by thread (CPU) time, which preemption by other processes
 * does not inflate, each with the functions it called (devtools.timeline FunctionCall events).
 */
export function longestCpuTasks(json: string): string[] {
  const events = (JSON.parse(json) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = events.filter((e) => e.pid === main?.pid && e.tid === main?.tid && e.ph === 'X');
  const tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.tdur);
  const calls = onMain.filter((e) => e.name === 'FunctionCall' || e.name === 'TimerFire');
  // Tracing starts just before Start is pressed.
  const start = Math.min(...tasks.map((task) => task.ts));
  return tasks
    .sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0))
    .slice(0, 8)
    .map((task) => {
      const inside = calls
        .filter((c) => c.ts >= task.ts && c.ts <= task.ts + (task.dur ?? 0))
        .map((c) => `${c.args?.data?.functionName || c.name}:${c.args?.data?.lineNumber ?? ''}`);
      const at = Math.round((task.ts - start) / 1000);
      return `${Math.round((task.tdur ?? 0) / 1000)} ms CPU (wall ${Math.round((task.dur ?? 0) / 1000)}) at ${at} ms: ${inside.join(' ')}`;
    });
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { functionName?: string; lineNumber?: number } };
}

/** Runs of consecutive busy samples longer than REPORT_MS, with their heaviest functions. */
export function busyStretches(profile: CpuProfile): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of (node as { children?: number[] }).children ?? []) parentOf.set(child, node.id);
  const idle = new Set(['(idle)', '(program)', '(garbage collector)']);
  const lines: string[] = [];
  let stretch: { ms: number; inclusive: Map<string, number> } | null = null;
  const close = () => {
    if (stretch && stretch.ms > REPORT_MS) {
      const top = [...stretch.inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, 14);
      lines.push(
        `busy ${Math.round(stretch.ms)} ms: ${top.map(([n, ms]) => `${n} ${Math.round(ms)}`).join(' | ')}`,
      );
    }
    stretch = null;
  };
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const name = byId.get(id)?.callFrame.functionName ?? '';
    if (idle.has(name)) return close();
    stretch ??= { ms: 0, inclusive: new Map() };
    stretch.ms += ms;
    const names = new Set<string>();
    for (let node: number | undefined = id; node !== undefined; node = parentOf.get(node)) {
      const frame = byId.get(node)?.callFrame;
      if (frame && frame.functionName && frame.functionName !== '(root)')
        names.add(`${frame.functionName}@${frame.url.split('/').pop()}:${frame.lineNumber}`);
    }
    for (const n of names) stretch.inclusive.set(n, (stretch.inclusive.get(n) ?? 0) + ms);
  });
  close();
  return lines;
}
