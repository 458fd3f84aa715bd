import type { CellFailure, CellResult, CellSkipped } from '../../src/bench/cell';
import type { KernelCount } from '../../src/cpc/train/kernelProfile';
import type { WorkloadId } from '../../src/bench/workloads';
import type { ImportResult } from './importImages';
import type { ReferenceResult } from './reference';
import type { TrainingWindow } from './uiTraining';

/** Text tables of a run, for the terminal (the JSON has every figure). */
export function cellTable(
  cells: readonly (CellResult | CellFailure | CellSkipped)[],
  reference: ReadonlyMap<string, ReferenceResult>,
): string {
  const header = [
    'runtime',
    'backend',
    'workload',
    'batch',
    'steps',
    'ms/step median',
    'p10–p90',
    '× torch',
    'images/s',
    'init→1st step',
    'warm-up',
    'tensors 1st→last',
    'kernels/step',
    'of which views',
  ];
  const rows = cells.map((cell) => {
    if ('error' in cell) return [cell.runtime, cell.backend, variantName(cell), `failed: ${cell.error}`];
    if ('skipped' in cell) return [cell.runtime, cell.backend, variantName(cell), `skipped: ${cell.skipped}`];
    const torch = reference.get(variantName(cell))?.speed.msPerStep.median;
    return [
      cell.runtime,
      cell.ranOn === cell.backend ? cell.backend : `${cell.backend}→${cell.ranOn}`,
      variantName(cell),
      String(cell.batchSize),
      `${cell.steps}${cell.stoppedBy === 'budget' ? '*' : ''}`,
      ms(cell.msPerStep.median),
      `${ms(cell.msPerStep.p10)}–${ms(cell.msPerStep.p90)}`,
      torch === undefined ? '' : `${(cell.msPerStep.median / torch).toFixed(1)}×`,
      cell.imagesPerSecond.toFixed(0),
      seconds(cell.initToFirstStepMs),
      seconds(cell.warmupMs),
      `${cell.tensorsAfterFirstStep}→${cell.tensorsAfterLastStep}`,
      ...kernelColumns(cell.kernelsPerStep),
    ];
  });
  return align([header, ...rows]);
}

/**
 * 'kernels/step' and 'of which views' (Identity and Reshape, with their share), or blanks when the
 * count failed.
 */
export function kernelColumns(kernels: KernelCount | null): [string, string] {
  if (kernels === null) return ['?', ''];
  const share = kernels.total > 0 ? Math.round((100 * kernels.views) / kernels.total) : 0;
  return [count(kernels.total), `${count(kernels.views)} (${share}%)`];
}

/** Kernels shown per cell by slowestLines. */
const SLOWEST_SHOWN = 5;

/**
 * One line per cell whose profiled step timed its kernels: the slowest, by name and output shape, with
 * their calls. Profiling waits after every kernel, so the times are for comparing kernels, not the step's
 * speed.
 */
export function slowestLines(cells: readonly (CellResult | CellFailure | CellSkipped)[]): string[] {
  return cells.flatMap((cell) => {
    const kernels = 'kernelsPerStep' in cell ? cell.kernelsPerStep : null;
    if (!kernels || kernels.slowest.length === 0) return [];
    const shown = kernels.slowest
      .slice(0, SLOWEST_SHOWN)
      .map((k) => `${k.kernel} ${k.ms.toFixed(1)} ms${k.calls > 1 ? ` (×${k.calls})` : ''}`);
    const name = `${cell.runtime} ${'ranOn' in cell ? cell.ranOn : cell.backend} ${variantName(cell)}`;
    return [`${name}, slowest kernels of the profiled step: ${shown.join('; ')}`];
  });
}

/** Whether the bench page was cross-origin isolated (wasm threads need it), and the wasm thread counts. */
export function isolationLine(cells: readonly (CellResult | CellFailure | CellSkipped)[]): string {
  const ran = cells.filter((cell): cell is CellResult => 'msPerStep' in cell);
  const distinct = (values: unknown[]) => [...new Set(values.map(String))].join('/');
  const browser = ran.filter((c) => c.runtime === 'browser');
  const threads = (['browser', 'node'] as const)
    .map((runtime) => [runtime, ran.filter((c) => c.runtime === runtime && c.ranOn === 'wasm')] as const)
    .filter(([, wasm]) => wasm.length > 0)
    .map(([runtime, wasm]) => `${runtime} ${distinct(wasm.map((c) => c.wasmThreads ?? '?'))}`);
  return [
    browser.length > 0
      ? `bench page crossOriginIsolated: ${distinct(browser.map((c) => c.crossOriginIsolated))}`
      : '',
    threads.length > 0 ? `wasm threads: ${threads.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

export function referenceTable(reference: ReadonlyMap<string, ReferenceResult>): string {
  const header = [
    'workload',
    'torch ms/step',
    'p10–p90',
    'steps',
    'torch on',
    'tfjs on',
    'tfjs loss',
    'torch loss',
    'rel. err',
    'grad-norm rel. err',
    'loss check',
  ];
  const rows = [...reference].map(([name, r]) => [
    name,
    ms(r.speed.msPerStep.median),
    `${ms(r.speed.msPerStep.p10)}–${ms(r.speed.msPerStep.p90)}`,
    String(r.speed.steps),
    torchDevice(r),
    r.correctness.tfjsBackend,
    r.correctness.tfjsLoss.toFixed(6),
    r.correctness.torchLoss.toFixed(6),
    r.correctness.lossRelativeError.toExponential(1),
    r.correctness.gradNormRelativeError.toExponential(1),
    r.lossMatches ? 'ok' : 'MISMATCH',
  ]);
  return align([header, ...rows]);
}

/** 'cpu, 2 threads', or the GPU for a run on cuda ('cuda (NVIDIA H100 80GB HBM3)'). */
export function torchDevice(r: Pick<ReferenceResult, 'device' | 'threads'>): string {
  return r.device === 'cpu' ? `cpu, ${r.threads} thread${r.threads === 1 ? '' : 's'}` : r.device;
}

/** A workload as the tables name it: 'reference', or 'reference [masked-conv]' for a variant. */
export function variantName(cell: { workload: WorkloadId; variant: string }): string {
  return cell.variant ? `${cell.workload} [${cell.variant}]` : cell.workload;
}

export function uiLine(window: TrainingWindow): string {
  return (
    `real UI (wasm, ${window.seconds} s of training): longest main-thread task ${window.longestTaskMs} ms, ` +
    `${window.tasksOver50Ms} tasks > 50 ms, ${window.stepsPerSecond} steps/s, Start→first step ` +
    `${window.startToFirstStepMs} ms, ${window.tensors ?? '?'} tensors at the end`
  );
}

export function importLine(result: ImportResult): string {
  return (
    `import of ${result.count} generated ${result.width}×${result.height} JPEGs: ${result.importSeconds.toFixed(1)} s ` +
    `(${result.imagesPerSecond.toFixed(0)} images/s)`
  );
}

/** 1,549: kernel counts are read against each other, so with a thousands separator. */
function count(value: number): string {
  return value.toLocaleString('en-US');
}

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

function seconds(valueMs: number): string {
  return `${(valueMs / 1000).toFixed(1)} s`;
}

/** Pads columns to the widest cell of the full-length rows; a shorter row's last cell runs on unpadded. */
function align(rows: string[][]): string {
  const full = rows.filter((row) => row.length === rows[0].length);
  const widths = rows[0].map((_, c) => Math.max(...full.map((row) => row[c].length)));
  return rows
    .map((row) => row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]))).join('  '))
    .join('\n');
}
