import { describe, expect, it } from 'vitest';
import { appendRows, EMPTY_HISTORY } from '../store/metricsHistory';
import { readRunExtra, runExtraRecord } from './runExtra';
import { testRow } from '../testing/testRuns';

/** What the worker does to `extra`: it travels inside the checkpoint as JSON. */
const throughJson = (value: Record<string, unknown>) =>
  JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

describe('run extra', () => {
  it('comes back from JSON equal, infinities included', () => {
    const history = appendRows(EMPTY_HISTORY, [testRow(1, 3), testRow(2, 2.5), testRow(3, Infinity)]);
    // A bucket that saw only an infinite loss: JSON alone would turn min and max into null.
    history.buckets[2] = { ...history.buckets[2], lossMin: Infinity, lossMax: -Infinity, lossSum: NaN };
    const probeHistory = [{ step: 2, cpc: { linear: 0.8, knn: 0.7 }, randomInit: { linear: 0.5, knn: 0.4 } }];
    const extra = {
      runId: 'run-1',
      name: 'BN vs LN',
      presetId: 'cpc-v2' as const,
      dataset: { kind: 'images' as const, name: 'cats', storedImagesId: null },
      history,
      probeHistory,
    };
    const back = readRunExtra(throughJson(runExtraRecord(extra)));
    expect(back.history.buckets[2].lossMin).toBe(Infinity);
    expect(back.history.buckets[2].lossMax).toBe(-Infinity);
    expect(back.history.buckets[2].lossSum).toBeNaN();
    expect(back).toEqual(extra);
  });

  it('reads a bare null (JSON without stand-ins) as the empty bucket range', () => {
    const bucket = { step: 1, rows: 1, lossSum: 2, lossMin: null, lossMax: null, lossEma: 2 };
    const raw = { buckets: [{ ...bucket, accuracySum: 0.5, accuracyPerKSum: [0.5], learningRate: 1e-3 }] };
    const back = readRunExtra({ history: { ...raw, width: 1, ks: [2] } }).history;
    expect(back.buckets[0]).toMatchObject({ lossMin: Infinity, lossMax: -Infinity, lossSum: 2 });
    expect(back.totalRows).toBe(1);
  });

  it('reads back the feature, raw pixels and per-feature scores a probe recorded, and drops bad ones', () => {
    const scores = { cpc: { linear: 0.8, knn: 0.7 }, randomInit: { linear: 0.5, knn: 0.4 } };
    const recorded = {
      step: 2,
      feature: 'grid3-z' as const,
      ...scores,
      pixels: { linear: 0.6, knn: 0.5 },
      features: { 'grid3-z': scores },
    };
    expect(readRunExtra(throughJson({ probeHistory: [recorded] })).probeHistory).toEqual([recorded]);
    const garbled = {
      step: 3,
      ...scores,
      feature: 'median',
      pixels: { linear: 'x' },
      features: { median: scores, 'mean-z': {} },
    };
    expect(readRunExtra({ probeHistory: [garbled] }).probeHistory).toEqual([
      { step: 3, ...scores, features: {} },
    ]);
  });

  it('drops what does not check out instead of failing the resume', () => {
    const back = readRunExtra({
      runId: 7,
      name: '  ',
      presetId: 'gpt-5',
      dataset: { kind: 'builtin', name: 'imagenet' },
      history: { buckets: [{ step: 1, rows: 0 }], width: 1, ks: [2] },
      probeHistory: [{ step: 1.5, cpc: {}, randomInit: {} }, 'x'],
    });
    expect(back).toEqual({
      runId: null,
      name: null,
      presetId: null,
      dataset: null,
      history: EMPTY_HISTORY,
      probeHistory: [],
    });
  });

  it("reads the headless runner's --data as a dataset", () => {
    expect(readRunExtra({ data: 'fashion-mnist' }).dataset).toEqual({
      kind: 'builtin',
      name: 'fashion-mnist',
    });
    expect(readRunExtra({ data: 'synthetic' }).dataset).toEqual({ kind: 'synthetic', count: 512 });
    expect(readRunExtra({ data: 'textures' }).dataset).toEqual({ kind: 'textures', count: 2000 });
    expect(readRunExtra({ data: '/home/me/photos/cats/' }).dataset).toEqual({
      kind: 'images',
      name: 'cats',
      storedImagesId: null,
    });
  });
});
