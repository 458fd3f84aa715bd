/**
 * Node benchmark of the training step: ms/step of a config on the wasm and cpu backends.
 *   npm run bench:node -- [--config '{"batchSize":32}'] [--steps 20] [--backends wasm,cpu]
 * Prints a table and writes bench/results/node-<timestamp>.json.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseConfig } from '../src/cpc/config';
import { generateSyntheticShapes } from '../src/cpc/data/synthetic';
import { CpcTrainer } from '../src/cpc/train/trainer';
import { initNodeBackend, type NodeBackend } from '../src/node/nodeBackend';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function benchBackend(backend: NodeBackend, steps: number) {
  const got = await initNodeBackend(backend);
  if (got !== backend) return null;
  const { config } = parseConfig(JSON.parse(option('config', '{}')));
  const data = generateSyntheticShapes({
    count: 256,
    size: config.imageSize,
    seed: 1,
    channels: config.channels,
  });
  const trainer = new CpcTrainer(config, data);
  const t0 = performance.now();
  await trainer.trainStep();
  const firstStepMs = performance.now() - t0;
  const tensorsBefore = tf.memory().numTensors;
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const start = performance.now();
    await trainer.trainStep();
    times.push(performance.now() - start);
  }
  const tensorsAfter = tf.memory().numTensors;
  trainer.dispose();
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return {
    backend,
    firstStepMs,
    medianMs: q(0.5),
    p10Ms: q(0.1),
    p90Ms: q(0.9),
    imagesPerSecond: (1000 * config.batchSize) / q(0.5),
    tensorsBefore,
    tensorsAfter,
    config,
  };
}

async function main() {
  const steps = Number(option('steps', '20'));
  const rows = [];
  for (const backend of option('backends', 'wasm,cpu').split(',') as NodeBackend[]) {
    const cpuSteps = backend === 'cpu' ? Math.min(steps, 5) : steps; // the cpu backend takes seconds per step
    const row = await benchBackend(backend, cpuSteps);
    if (!row) {
      console.log(`${backend}: not available`);
      continue;
    }
    rows.push(row);
    console.log(
      `${backend.padEnd(5)} first step ${row.firstStepMs.toFixed(0)} ms | median ${row.medianMs.toFixed(1)} ms/step (p10 ${row.p10Ms.toFixed(1)}, p90 ${row.p90Ms.toFixed(1)}) | ${row.imagesPerSecond.toFixed(0)} images/s | tensors ${row.tensorsBefore} → ${row.tensorsAfter}`,
    );
  }
  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/node-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(
    file,
    JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2),
  );
  console.log(`wrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
