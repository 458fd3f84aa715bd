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
      { data: 'synthetic', config, configIssues: [], steps: 6, out, logEvery: 4, backend: 'wasm' },
      (line) => lines.push(line),
    );
    expect(report.steps).toBe(6);
    expect(report.backend).toBe('wasm');
    expect(Number.isFinite(report.loss)).toBe(true);
    expect(report.cpcAccuracy).toBeGreaterThanOrEqual(0);
    for (const side of [report.probe!.cpc, report.probe!.randomInit]) {
      expect(side.linear).toBeGreaterThanOrEqual(0);
      expect(side.knn).toBeLessThanOrEqual(1);
    }
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
      configIssues: [],
      steps: 1,
      out: tmpdir(),
      logEvery: 1,
      backend: 'wasm' as const,
    };
    await expect(runHeadless(args, () => {})).rejects.toThrow(/kMax 9/);
  });
});
