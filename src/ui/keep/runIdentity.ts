import { presetById, type PresetId } from '../../cpc/presets';

/**
 * A run's key in the store. Time-based, not random (the page's randomness is the seeded generator's, for
 * training); `serial` (the page's count of runs) keeps two runs begun in the same millisecond apart.
 */
export function newRunId(now: number, serial: number): string {
  return `run-${now.toString(36)}-${serial.toString(36)}`;
}

/*
 * Built once, when the page loads: `toLocaleDateString` with options builds a new formatter on every
 * call, and the first autosave of a run (which names it) took 36 ms of the main thread doing so twice.
 */
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** "Fashion-MNIST · CPC v2 · 27 Nov 14:02": what the list shows until the user renames it. */
export function defaultRunName(datasetTitle: string, presetId: PresetId | null, createdAt: number): string {
  const day = DAY.format(createdAt);
  const time = TIME.format(createdAt);
  const preset = presetId ? presetById(presetId).title : 'Custom';
  return `${datasetTitle} · ${preset} · ${day} ${time}`;
}
