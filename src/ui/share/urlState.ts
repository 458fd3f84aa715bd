import { CONFIG_KEYS, FIELDS, parseField, type CpcConfig } from '../../cpc/config';
import { PRESETS, presetById, type PresetId } from '../../cpc/presets';
import { BUILTIN_DATASETS } from '../../datasets/builtin';
import { BACKEND_CHOICES, type BackendChoice, type DatasetSpec } from '../../worker/protocol';
import { DEFAULT_DATASET, specForChoice } from '../data/datasetChoice';

/**
 * The run's setup as a link: `?preset=cpc-v2&learningRate=0.001&dataset=mnist&backend=wasm`. Config
 * fields are named as in CpcConfig and written only where they differ from the preset's value, so a
 * link stays short and reads like the controls.
 */
export interface SharedSetup {
  /** The preset the link names; null when it names none (the page then recognises a preset by value). */
  presetId: PresetId | null;
  config: CpcConfig;
  dataset: DatasetSpec;
  backend: BackendChoice;
}

/** Data sets a link can name; an imported folder cannot travel in a URL. */
export const SHAREABLE_DATASETS = [...BUILTIN_DATASETS, 'synthetic', 'textures'] as const;
export type ShareableDataset = (typeof SHAREABLE_DATASETS)[number];

/** `config` is the older form: a partial config as JSON, still read so old links keep working. */
export const SETUP_PARAMS: readonly string[] = ['preset', 'dataset', 'backend', 'config', ...CONFIG_KEYS];

const BASE_PRESET: PresetId = 'default';

/** Reads the setup; what it cannot use falls back to the preset's value and is described in `notes`. */
export function readSharedSetup(params: URLSearchParams, notes: string[]): SharedSetup {
  const presetId = readPreset(params.get('preset'), notes);
  const config: Record<string, unknown> = { ...presetById(presetId ?? BASE_PRESET).config };
  applyJsonConfig(params.get('config'), config, notes);
  for (const key of CONFIG_KEYS) {
    const raw = params.get(key);
    if (raw === null) continue;
    const parsed = parseField(FIELDS[key], raw);
    if (parsed.ok) config[key] = parsed.value;
    else notes.push(`${key}=${raw} ignored: ${parsed.reason} (using ${String(config[key])}).`);
  }
  return {
    presetId,
    config: config as unknown as CpcConfig,
    dataset: readDataset(params.get('dataset'), notes),
    backend: readBackend(params.get('backend'), notes),
  };
}

/**
 * Writes the setup's parameters. Returns false when the data set cannot be named in a link (an imported
 * folder): the link then opens with the default data set.
 */
export function writeSharedSetup(setup: SharedSetup, params: URLSearchParams): { datasetShared: boolean } {
  const base = presetById(setup.presetId ?? BASE_PRESET).config;
  const changed = CONFIG_KEYS.filter((key) => setup.config[key] !== base[key]);
  // Naming the default preset only matters when fields change: the page recognises a plain one by value.
  if (setup.presetId !== null && (setup.presetId !== BASE_PRESET || changed.length > 0))
    params.set('preset', setup.presetId);
  for (const key of changed) params.set(key, String(setup.config[key]));
  const dataset = shareableDataset(setup.dataset);
  if (dataset !== null && dataset !== shareableDataset(DEFAULT_DATASET)) params.set('dataset', dataset);
  if (setup.backend !== 'auto') params.set('backend', setup.backend);
  return { datasetShared: dataset !== null };
}

/** The name a link uses for a data set; null for an imported one. */
export function shareableDataset(spec: DatasetSpec): ShareableDataset | null {
  if (spec.kind === 'builtin') return spec.name;
  return spec.kind === 'synthetic' || spec.kind === 'textures' ? spec.kind : null;
}

function readPreset(raw: string | null, notes: string[]): PresetId | null {
  if (raw === null) return null;
  const preset = PRESETS.find((p) => p.id === raw);
  if (!preset) notes.push(`preset=${raw} ignored: expected one of ${PRESETS.map((p) => p.id).join(', ')}.`);
  return preset?.id ?? null;
}

function applyJsonConfig(text: string | null, config: Record<string, unknown>, notes: string[]): void {
  if (text === null) return;
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    notes.push('The config parameter is not valid JSON: ignored.');
    return;
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    notes.push('The config parameter is not a JSON object: ignored.');
    return;
  }
  for (const [key, raw] of Object.entries(input as Record<string, unknown>)) {
    if (!Object.hasOwn(FIELDS, key)) {
      notes.push(`config.${key} ignored: unknown field.`);
      continue;
    }
    const parsed = parseField(FIELDS[key as keyof CpcConfig], raw);
    if (parsed.ok) config[key] = parsed.value;
    else notes.push(`config.${key} ignored: ${parsed.reason}.`);
  }
}

function readDataset(raw: string | null, notes: string[]): DatasetSpec {
  if (raw === null) return DEFAULT_DATASET;
  const name = SHAREABLE_DATASETS.find((shareable) => shareable === raw);
  if (name !== undefined) return specForChoice(name) ?? DEFAULT_DATASET;
  notes.push(
    `dataset=${raw} ignored: expected one of ${SHAREABLE_DATASETS.join(', ')} (using ${shareableDataset(DEFAULT_DATASET)}).`,
  );
  return DEFAULT_DATASET;
}

function readBackend(raw: string | null, notes: string[]): BackendChoice {
  if (raw === null) return 'auto';
  const backend = BACKEND_CHOICES.find((choice) => choice === raw);
  if (backend === undefined)
    notes.push(`backend=${raw} ignored: expected one of ${BACKEND_CHOICES.join(', ')} (using auto).`);
  return backend ?? 'auto';
}
