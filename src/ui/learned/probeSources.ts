import { MEANING_COLOURS } from '../theme/meaning';

/** What a probe's classifier reads: CPC's features, the same encoder at random init, or raw pixels. */
export type ProbeSource = 'cpc' | 'random' | 'pixels';

export const PROBE_SOURCES: readonly ProbeSource[] = ['cpc', 'random', 'pixels'];

/** One colour per source, the same in the probe table and the chart (where kNN is dashed). */
export const PROBE_SOURCE_INFO: Record<ProbeSource, { label: string; colour: string }> = {
  cpc: { label: 'CPC', colour: MEANING_COLOURS.cpc },
  random: { label: 'random init', colour: MEANING_COLOURS.random },
  pixels: { label: 'raw pixels', colour: MEANING_COLOURS.pixels },
};
