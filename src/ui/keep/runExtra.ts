import type { ProbeScores } from '../../cpc/eval';
import { isImageFeature } from '../../cpc/model/imageFeatureInfo';
import { PRESETS, type PresetId } from '../../cpc/presets';
import type { ProbePoint } from '../learned/probeHistory';
import { EMPTY_HISTORY, type MetricsBucket, type MetricsHistory } from '../store/metricsHistory';
import { parseDatasetRef, refFromRunnerData } from './datasetRef';
import type { SavedDatasetRef } from './savedRun';

/**
 * What the page stores in a checkpoint's `extra` next to the weights, so that a checkpoint file alone
 * (downloaded, or written by the headless runner) resumes with its curves, preset and dataset.
 */
export interface RunExtra {
  runId: string | null;
  name: string | null;
  presetId: PresetId | null;
  dataset: SavedDatasetRef | null;
  history: MetricsHistory;
  probeHistory: ProbePoint[];
}

/**
 * `extra` as the worker will write it (JSON). A bucket's loss range is ±Infinity until it sees a finite
 * loss, and JSON writes every non-finite number as null, which could be any of three: those go as strings.
 */
export function runExtraRecord(extra: RunExtra): Record<string, unknown> {
  const buckets = extra.history.buckets.map((b) => ({
    ...b,
    lossSum: jsonNumber(b.lossSum),
    lossMin: jsonNumber(b.lossMin),
    lossMax: jsonNumber(b.lossMax),
    lossEma: jsonNumber(b.lossEma),
    accuracySum: jsonNumber(b.accuracySum),
    accuracyPerKSum: b.accuracyPerKSum.map(jsonNumber),
    learningRate: jsonNumber(b.learningRate),
  }));
  return { ...extra, history: { ...extra.history, buckets } };
}

/**
 * Reads `extra` back, trusting nothing: a field that does not check out is dropped (null or empty), never
 * an error, because weights and step are what matter. Non-finite numbers come back from their strings;
 * a bare null (a writer that let JSON drop them) becomes the bucket's empty value.
 */
export function readRunExtra(extra: Record<string, unknown>): RunExtra {
  return {
    runId: typeof extra.runId === 'string' && extra.runId.length > 0 ? extra.runId : null,
    name: typeof extra.name === 'string' && extra.name.trim().length > 0 ? extra.name : null,
    presetId: PRESETS.some((p) => p.id === extra.presetId) ? (extra.presetId as PresetId) : null,
    dataset: parseDatasetRef(extra.dataset) ?? refFromRunnerData(extra.data),
    history: readHistory(extra.history),
    probeHistory: readProbeHistory(extra.probeHistory),
  };
}

export function readHistory(raw: unknown): MetricsHistory {
  const h = raw as Partial<Record<keyof MetricsHistory, unknown>> | null;
  if (!h || typeof h !== 'object' || !Array.isArray(h.buckets) || !Array.isArray(h.ks)) return EMPTY_HISTORY;
  const width = h.width;
  if (typeof width !== 'number' || !Number.isInteger(width) || width < 1) return EMPTY_HISTORY;
  if (!h.ks.every(Number.isInteger)) return EMPTY_HISTORY;
  const buckets = h.buckets.map(readBucket);
  if (buckets.some((b) => b === null)) return EMPTY_HISTORY;
  const valid = buckets as MetricsBucket[];
  const totalRows = valid.reduce((sum, b) => sum + b.rows, 0);
  return { buckets: valid, width, ks: h.ks as number[], totalRows };
}

function readBucket(raw: unknown): MetricsBucket | null {
  const b = raw as Partial<Record<keyof MetricsBucket, unknown>> | null;
  if (!b || typeof b !== 'object') return null;
  if (!Number.isInteger(b.step) || !Number.isInteger(b.rows) || (b.rows as number) < 1) return null;
  if (!Array.isArray(b.accuracyPerKSum)) return null;
  return {
    step: b.step as number,
    rows: b.rows as number,
    lossSum: finiteOr(b.lossSum, NaN),
    lossMin: finiteOr(b.lossMin, Infinity),
    lossMax: finiteOr(b.lossMax, -Infinity),
    lossEma: finiteOr(b.lossEma, NaN),
    accuracySum: finiteOr(b.accuracySum, NaN),
    accuracyPerKSum: b.accuracyPerKSum.map((v) => finiteOr(v, NaN)),
    learningRate: finiteOr(b.learningRate, NaN),
  };
}

export function readProbeHistory(raw: unknown): ProbePoint[] {
  if (!Array.isArray(raw)) return [];
  const points: ProbePoint[] = [];
  for (const p of raw as Partial<Record<keyof ProbePoint, unknown>>[]) {
    const cpc = readScores(p?.cpc);
    const randomInit = readScores(p?.randomInit);
    if (Number.isInteger(p?.step) && cpc && randomInit)
      points.push({ step: p.step as number, cpc, randomInit, ...readProbeExtras(p) });
  }
  return points.sort((a, b) => a.step - b.step);
}

/** What probes record since they score raw pixels and each feature; older runs have none of it. */
function readProbeExtras(p: Partial<Record<keyof ProbePoint, unknown>>): Partial<ProbePoint> {
  const extras: Partial<ProbePoint> = {};
  if (isImageFeature(p.feature)) extras.feature = p.feature;
  const pixels = readScores(p.pixels);
  if (pixels) extras.pixels = pixels;
  if (p.features && typeof p.features === 'object') {
    const features: NonNullable<ProbePoint['features']> = {};
    for (const [feature, scores] of Object.entries(p.features)) {
      const s = scores as { cpc?: unknown; randomInit?: unknown } | null;
      const cpc = readScores(s?.cpc);
      const randomInit = readScores(s?.randomInit);
      if (isImageFeature(feature) && cpc && randomInit) features[feature] = { cpc, randomInit };
    }
    extras.features = features;
  }
  return extras;
}

function readScores(raw: unknown): ProbeScores | null {
  const s = raw as { linear?: unknown; knn?: unknown } | null;
  if (!s || typeof s !== 'object' || typeof s.linear !== 'number' || typeof s.knn !== 'number') return null;
  return { linear: finiteOr(s.linear, NaN), knn: finiteOr(s.knn, NaN) };
}

function jsonNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

/** A number, or its JSON stand-in ('Infinity', '-Infinity', 'NaN'); anything else is `missing`. */
function finiteOr(value: unknown, missing: number): number {
  if (typeof value === 'number') return value;
  if (value === 'Infinity' || value === '-Infinity' || value === 'NaN') return Number(value);
  return missing;
}
