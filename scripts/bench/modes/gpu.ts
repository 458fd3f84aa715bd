/**
 * npm run bench -- gpu [options]  (scripts/bench/gpuOptions.ts, or `npm run bench -- gpu --help`)
 *
 * The training step on a real GPU: tfjs' WebGPU backend in Node through Dawn (the npm package `webgpu`),
 * per workload ms/step after warm-up and kernels per step, against the PyTorch reference on the same
 * machine (on cuda when torch sees the GPU, else on the CPU; the table says which). Trains as the Node
 * cells of `npm run bench` do (scripts/bench/nodeCell.ts: CpcTrainer, a throwaway warm-up step, timed
 * steps, then one more under tf.profile). Without an adapter, or without the package, it says so and
 * exits 0: there is nothing to time. Never part of `npm test`. Carrying it to an offline GPU machine:
 * docs/benchmarks.md.
 */
import { cpus } from 'node:os';
import { writeFileSync } from 'node:fs';
import type { CellFailure, CellResult, CellSpec } from '../../../src/bench/cell';
import { workloadConfig } from '../../../src/bench/workloads';
import { parseGpuOptions, type GpuBenchOptions } from '../gpuOptions';
import { runNodeCell } from '../nodeCell';
import { findTorch, referenceSupports, runReference, type ReferenceResult } from '../reference';
import { cellTable, referenceTable, slowestLines, variantName } from '../table';
import { useOwnKernels } from '../../../src/worker/webgpuOwnKernels';
import { findWebGpu, noWebGpuLine, registerTfjsWebGpu } from '../webgpuNode';

export { GPU_USAGE as USAGE } from '../gpuOptions';

/** Synthetic images per workload, as in `npm run bench` (step). */
const IMAGE_COUNT = 256;

/** Exits 0 also without a GPU: there is then nothing to time, and it says so. */
export async function run(argv: string[]): Promise<void> {
  const options = parseGpuOptions(argv);
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', node: process.version },
    options,
  };
  const setup = await findWebGpu(options.dawnFlags);
  if (!setup.found) {
    const line = noWebGpuLine(setup);
    console.log(line);
    return save(options, { ...results, unavailable: line });
  }
  console.log(`WebGPU adapter: ${setup.adapter}${setup.fallback ? ' (a fallback adapter: software)' : ''}`);
  // Before tfjs moves to webgpu: the reference dumps its weights and batch from tfjs on wasm.
  const references = await reference(options);
  const gpuErrors: string[] = [];
  const start = await registerTfjsWebGpu(setup, (message) => {
    if (gpuErrors.push(message) === 1)
      console.log(`GPU error (results after it are not trustworthy): ${message}`);
  });
  const cells: (CellResult | CellFailure)[] = [];
  for (const spec of specs(options)) cells.push(await measured(spec, start));
  console.log(`\n${cellTable(cells, references.byName)}`);
  console.log('* stopped by the time budget (--budget) before --steps.');
  for (const line of slowestLines(cells)) console.log(line);
  for (const cell of cells)
    if ('kernelsPerStep' in cell && cell.kernelsPerStep)
      console.log(`${variantName(cell)}: ${perKernelUs(cell)} µs of step time per kernel`);
  if (references.byName.size > 0)
    console.log(`\nPyTorch reference (same workload, same machine)\n${referenceTable(references.byName)}`);
  else console.log(`\nPyTorch reference skipped: ${references.skipped}`);
  if (gpuErrors.length > 0) console.log(`${gpuErrors.length} GPU errors; the first: ${gpuErrors[0]}`);
  save(options, {
    ...results,
    adapter: setup.adapter,
    cells,
    reference: [...references.byName.values()],
    referenceSkipped: references.skipped,
    gpuErrors,
  });
}

/** The variant of a cell run with tfjs' own kernels in place of ours. */
const TFJS_KERNELS = 'tfjs kernels';

function specs(options: GpuBenchOptions, kernels = options.kernels): CellSpec[] {
  return options.workloads.flatMap((workload) =>
    kernels.map((k) => ({
      workload,
      variant: k === 'tfjs' ? TFJS_KERNELS : '',
      backend: 'webgpu' as const,
      config: workloadConfig(workload),
      imageCount: IMAGE_COUNT,
      ...options.budget,
    })),
  );
}

async function reference(
  options: GpuBenchOptions,
): Promise<{ byName: Map<string, ReferenceResult>; skipped: string | null }> {
  const byName = new Map<string, ReferenceResult>();
  if (!options.torch) return { byName, skipped: 'not asked for (--no-torch)' };
  const torch = findTorch();
  if ('missing' in torch) {
    console.log(`PyTorch: ${torch.missing}; timing WebGPU only`);
    return { byName, skipped: torch.missing };
  }
  for (const spec of specs(options, ['own'])) {
    const name = variantName(spec);
    if (!referenceSupports(spec.config)) {
      console.log(
        `torch ${name}: not implemented in reference_cpc.py (${spec.config.encoder} + ${spec.config.context})`,
      );
      continue;
    }
    try {
      const result = await runReference(torch.python, spec, options.torchThreads, options.torchDevice);
      byName.set(name, result);
      console.log(`torch ${name} on ${result.device}: ${result.speed.msPerStep.median.toFixed(1)} ms/step`);
    } catch (error) {
      console.log(`torch ${name}: failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { byName, skipped: byName.size > 0 ? null : 'no workload ran in PyTorch' };
}

async function measured(
  spec: CellSpec,
  start: NonNullable<Parameters<typeof runNodeCell>[1]>,
): Promise<CellResult | CellFailure> {
  try {
    // After the start: its device check (once per device) switches on every family that passes.
    const cell = await runNodeCell(spec, async (backend) => {
      const started = await start(backend);
      useOwnKernels(spec.variant !== TFJS_KERNELS);
      return started;
    });
    console.log(
      `webgpu ${variantName(spec)}: ${cell.msPerStep.median.toFixed(1)} ms/step over ${cell.steps} steps, ` +
        `warm-up ${(cell.warmupMs / 1000).toFixed(1)} s, ${cell.kernelsPerStep?.total ?? '?'} kernels/step ` +
        `(${cell.backendDetail})`,
    );
    return cell;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(`webgpu ${variantName(spec)}: failed: ${message}`);
    return {
      runtime: 'node',
      workload: spec.workload,
      variant: spec.variant,
      backend: 'webgpu',
      error: message,
    };
  }
}

/** Step time over kernels: on a GPU bound by dispatches, about the fixed cost of one. */
function perKernelUs(cell: CellResult): string {
  return ((1000 * cell.msPerStep.median) / (cell.kernelsPerStep?.total ?? NaN)).toFixed(1);
}

function save(options: GpuBenchOptions, results: Record<string, unknown>): void {
  if (options.json === null) return;
  writeFileSync(options.json, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${options.json}`);
}
