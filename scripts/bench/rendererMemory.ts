/**
 * The resident memory and CPU time of the browser's renderer processes that this Node process launched:
 * the page's main thread and all its workers live there, so their sum is the tab's. Read from /proc
 * (Linux); elsewhere the readers return null. Numbers only, for benches.
 */
import { cpuSeconds, descendantProcesses, readProc as read, statFields } from './procfs';

/** Sum of VmRSS, in bytes, of the renderers below this process; null when /proc is not there. */
export function rendererBytes(): number | null {
  const renderers = rendererPids();
  if (!renderers) return null;
  let total = 0;
  for (const pid of renderers) {
    const rss = /VmRSS:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`) ?? '');
    if (rss) total += Number(rss[1]) * 1024;
  }
  return total;
}

/**
 * CPU seconds (user and system) the renderers below this process have used so far; null without /proc.
 * Unlike wall time, it barely moves when other processes compete for the cores.
 */
export function rendererCpuSeconds(): number | null {
  const renderers = rendererPids();
  if (!renderers) return null;
  let seconds = 0;
  for (const pid of renderers) {
    const fields = statFields(read(`/proc/${pid}/stat`));
    if (fields) seconds += cpuSeconds(fields);
  }
  return seconds;
}

function rendererPids(): number[] | null {
  return (
    descendantProcesses()
      ?.filter(({ cmdline }) => cmdline.includes('--type=renderer'))
      .map(({ pid }) => pid) ?? null
  );
}

/**
 * The tab's own memory, in bytes: the private memory (anonymous resident pages and swap, what Chrome's
 * task manager calls a tab's memory footprint) of the renderer that holds the most. That is the page's:
 * the others are Chromium's spare and blank renderers, at 20–50 MiB. Resident sizes would add each
 * process's share of the Chromium binary (about 110 MiB a renderer) and count every renderer. Null
 * without /proc.
 */
export function tabPrivateBytes(): number | null {
  const renderers = rendererPids();
  if (!renderers) return null;
  let largest = 0;
  for (const pid of renderers) largest = Math.max(largest, privateBytes(read(`/proc/${pid}/status`) ?? ''));
  return largest;
}

/** RssAnon + VmSwap of a /proc/<pid>/status text, in bytes. */
export function privateBytes(status: string): number {
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return (kib('RssAnon') + kib('VmSwap')) * 1024;
}

export interface RendererPeaks {
  /** Peak of the renderers' summed resident memory (rendererBytes). */
  renderers: number | null;
  /** Peak of the tab's private memory (tabPrivateBytes). */
  tab: number | null;
}

/** Samples both every `ms` until stopped; `stop` gives the peaks (null without /proc). */
export function sampleRendererPeak(ms = 100): { stop: () => RendererPeaks } {
  const peaks: RendererPeaks = { renderers: rendererBytes(), tab: tabPrivateBytes() };
  const max = (a: number | null, b: number | null) => (b === null ? a : Math.max(a ?? 0, b));
  const timer = setInterval(() => {
    peaks.renderers = max(peaks.renderers, rendererBytes());
    peaks.tab = max(peaks.tab, tabPrivateBytes());
  }, ms);
  return {
    stop: () => {
      clearInterval(timer);
      return { ...peaks };
    },
  };
}

/**
 * Samples for `ms` more: the tab's private memory at the end, its peak over that time, and its low over
 * the second half (null off Linux). A single reading at the end falls anywhere in the sawtooth of a probe
 * or a collection; the low is what the tab comes back down to.
 */
export async function watchTab(
  ms: number,
  sampleMs = 100,
): Promise<{ tab: number | null; peakTab: number | null; lowTab: number | null }> {
  const sampler = sampleRendererPeak(sampleMs);
  let lowTab: number | null = null;
  const low = () => {
    const bytes = tabPrivateBytes();
    if (bytes !== null) lowTab = Math.min(lowTab ?? bytes, bytes);
  };
  await new Promise((resolve) => setTimeout(resolve, ms / 2));
  const timer = setInterval(low, sampleMs);
  await new Promise((resolve) => setTimeout(resolve, ms / 2));
  clearInterval(timer);
  low();
  return { tab: tabPrivateBytes(), peakTab: sampler.stop().tab, lowTab };
}
