import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSyntheticShapes } from '../cpc/data/synthetic';
import { tinyConfig } from '../cpc/testing/tinyConfig';
import { CpcTrainer } from '../cpc/train/trainer';
import { OUTPUT_FILES, runHeadless } from './headlessRun';

describe('headless runner', () => {
  it('trains, writes metrics, a report with probes and a loadable checkpoint', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cpc-run-'));
    const lines: string[] = [];
    const config = tinyConfig();
    const report = await runHeadless(
      {
        data: 'synthetic',
        config,
        configGiven: true,
        configIssues: [],
        steps: 6,
        out,
        logEvery: 4,
        backend: 'wasm',
      },
      (line) => lines.push(line),
    );
    expect(report.steps).toBe(6);
    expect(report.backend).toBe('wasm');
    expect(Number.isFinite(report.loss)).toBe(true);
    expect(report.cpcAccuracy).toBeGreaterThanOrEqual(0);
    const probe = report.probe!;
    expect(probe.feature).toBe('grid3-z');
    expect(Object.keys(probe.features).sort()).toEqual(['grid2-z', 'grid3-z', 'hidden', 'mean-z', 'z-c']);
    expect(probe.features['grid3-z']).toEqual({ cpc: probe.cpc, randomInit: probe.randomInit });
    const sides = [probe.pixels!, ...Object.values(probe.features).flatMap((f) => [f.cpc, f.randomInit])];
    for (const side of sides) {
      expect(side.linear).toBeGreaterThanOrEqual(0);
      expect(side.knn).toBeLessThanOrEqual(1);
    }
    expect(probe.trainImages).toBe(2000);
    expect(report.config).toEqual(config);
    expect(report.geometry).toEqual({ grid: 3, patchSize: 8, stride: 4, ks: [2], directions: ['down'] });
    expect(report.trainMinutes).toBeGreaterThan(0);
    const metrics = readFileSync(join(out, OUTPUT_FILES.metrics), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(metrics.map((m) => m.step)).toEqual([4, 6]);
    expect(metrics[0].lossPerK).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(out, OUTPUT_FILES.report), 'utf8'))).toEqual(report);
    const bytes = new Uint8Array(readFileSync(join(out, OUTPUT_FILES.checkpoint)));
    const data = generateSyntheticShapes({
      count: 8,
      size: config.imageSize,
      seed: 1,
      channels: config.channels,
    });
    const { trainer, extra } = CpcTrainer.fromCheckpoint(bytes, data);
    expect(trainer.step).toBe(6);
    expect(extra.data).toBe('synthetic');
    trainer.dispose();
    expect(lines.some((l) => l.includes('probe'))).toBe(true);
  });

  it('refuses an invalid config before loading anything', async () => {
    const args = {
      data: 'synthetic',
      config: tinyConfig({ kMax: 9 }),
      configGiven: true,
      configIssues: [],
      steps: 1,
      out: tmpdir(),
      logEvery: 1,
      backend: 'wasm' as const,
    };
    await expect(runHeadless(args, () => {})).rejects.toThrow(/kMax 9/);
  });
});
