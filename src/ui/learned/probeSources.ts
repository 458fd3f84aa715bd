/** What a probe's classifier reads: CPC's features, the same encoder at random init, or raw pixels. */
export type ProbeSource = 'cpc' | 'random' | 'pixels';

export const PROBE_SOURCES: readonly ProbeSource[] = ['cpc', 'random', 'pixels'];

/** One colour per source, the same in the probe table and the chart (where kNN is dashed). */
export const PROBE_SOURCE_INFO: Record<ProbeSource, { label: string; colour: string }> = {
  cpc: { label: 'CPC', colour: '#1f6feb' },
  random: { label: 'random init', colour: '#6e7781' },
  pixels: { label: 'raw pixels', colour: '#e07b00' },
};
