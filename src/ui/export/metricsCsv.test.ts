import { describe, expect, it } from 'vitest';
import type { MetricsHistory } from '../store/metricsHistory';
import { EMPTY_HISTORY } from '../store/metricsHistory';
import { metricsCsv, probeCsv } from './metricsCsv';

// Two buckets of width 2 (the second holds one row so far), two steps ahead. Sums are chosen so every
// mean is exact in binary: 3/2 = 1.5, 0.5/2 = 0.25, 0.25/2 = 0.125.
const HISTORY: MetricsHistory = {
  width: 2,
  ks: [2, 3],
  totalRows: 3,
  buckets: [
    {
      step: 2,
      rows: 2,
      lossSum: 3,
      lossMin: 1,
      lossMax: 2,
      lossEma: 1.75,
      accuracySum: 0.5,
      accuracyPerKSum: [0.75, 0.25],
      learningRate: 0.001,
    },
    {
      step: 3,
      rows: 1,
      lossSum: 0.5,
      lossMin: 0.5,
      lossMax: 0.5,
      lossEma: 1.5,
      accuracySum: 1,
      accuracyPerKSum: [1, 1],
      learningRate: 0.0005,
    },
  ],
};

describe('metricsCsv', () => {
  it('writes one line per bucket with means, range, smoothed loss, per-k accuracy and learning rate', () => {
    expect(metricsCsv(HISTORY)).toBe(
      'step,rows,loss_mean,loss_min,loss_max,loss_smoothed,accuracy,accuracy_k2,accuracy_k3,learning_rate\n' +
        '2,2,1.5,1,2,1.75,0.25,0.375,0.125,0.001\n' +
        '3,1,0.5,0.5,0.5,1.5,1,1,1,0.0005\n',
    );
  });

  it('writes only the header for a run that has not stepped', () => {
    expect(metricsCsv(EMPTY_HISTORY)).toBe(
      'step,rows,loss_mean,loss_min,loss_max,loss_smoothed,accuracy,learning_rate\n',
    );
  });
});

describe('probeCsv', () => {
  it('writes CPC, random-init and raw-pixel accuracies per probe run and feature', () => {
    const pixels = { linear: 0.625, knn: 0.5 };
    const points = [
      {
        step: 10,
        feature: 'grid3-z' as const,
        cpc: { linear: 0.5, knn: 0.25 },
        randomInit: { linear: 0.125, knn: 0.375 },
        pixels,
        features: {
          'grid3-z': { cpc: { linear: 0.5, knn: 0.25 }, randomInit: { linear: 0.125, knn: 0.375 } },
        },
      },
      {
        step: 20,
        feature: 'mean-z' as const,
        cpc: { linear: 0.75, knn: 0.5 },
        randomInit: { linear: 0.25, knn: 0.5 },
        pixels,
        features: {
          'mean-z': { cpc: { linear: 0.75, knn: 0.5 }, randomInit: { linear: 0.25, knn: 0.5 } },
          'grid3-z': { cpc: { linear: 0.875, knn: 0.75 }, randomInit: { linear: 0.25, knn: 0.25 } },
        },
      },
    ];
    expect(probeCsv(points)).toBe(
      'step,feature,cpc_linear,cpc_knn,random_init_linear,random_init_knn,pixels_linear,pixels_knn\n' +
        '10,grid3-z,0.5,0.25,0.125,0.375,0.625,0.5\n' +
        '20,grid3-z,0.875,0.75,0.25,0.25,0.625,0.5\n' +
        '20,mean-z,0.75,0.5,0.25,0.5,0.625,0.5\n',
    );
  });

  it('leaves feature and pixels empty for probes saved before they were recorded', () => {
    const points = [{ step: 5, cpc: { linear: 0.5, knn: 0.25 }, randomInit: { linear: 0.125, knn: 0.375 } }];
    expect(probeCsv(points)).toBe(
      'step,feature,cpc_linear,cpc_knn,random_init_linear,random_init_knn,pixels_linear,pixels_knn\n' +
        '5,,0.5,0.25,0.125,0.375,,\n',
    );
  });
});
