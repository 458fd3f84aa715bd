import { parseConfig, type CpcConfig } from '../../src/cpc/config';
import type { StepBudget } from '../../src/bench/budget';
import { WORKLOAD_IDS, type WorkloadId } from '../../src/bench/workloads';
import { listOption, numberOption, parseCommandLine, sizeOption } from '../lib/cli';
import { APP_OPTIONS, APP_USAGE, appOptions, type AppOptions } from './appOptions';

export const BROWSER_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export const NODE_BACKENDS = ['wasm', 'cpu'] as const;
export type BrowserBackend = (typeof BROWSER_BACKENDS)[number];
export type NodeBackend = (typeof NODE_BACKENDS)[number];

/**
 * Cells that take minutes per step on a 2-core machine without a GPU: the default run leaves them out
 * (so that it stays near 10 minutes) and says so. Naming both the backend and the workload, or
 * --all-cells, runs them.
 */
export const SLOW_CELLS: readonly { backend: string; workload: WorkloadId; why: string }[] = [
  ...(['keras-cpc', 'cpc-v2'] as const).map((workload) => ({
    backend: 'cpu',
    workload,
    why: `the cpu backend takes minutes per ${workload} step`,
  })),
  ...(['default', 'keras-cpc', 'cpc-v2', 'reference'] as const).map((workload) => ({
    backend: 'webgl',
    workload,
    why: `WebGL on SwiftShader takes 30 s or more per ${workload} step`,
  })),
];

export const USAGE = `npm run bench [-- step] [options]: every backend × workload, the real UI and an import
  --backend LIST      webgpu,webgl,wasm,cpu (default all; Node runs the wasm and cpu among them)
  --workload LIST     quick-demo,default,keras-cpc,cpc-v2,reference (default all; --preset is the same)
  --steps N           steps per cell at most (default 500)
  --budget S          seconds of training per cell, then stop (default 10; 0 = run all --steps)
  --min-steps N       steps per cell even past the budget (default 2)
  --batch N           batch size for every workload (default: each workload's own)
  --config JSON       config fields for every workload, e.g. '{"context":"masked-conv"}'
  --variant NAME=JSON A/B in one run: every cell also runs with these config fields on top (repeatable;
                      the plain config is then the variant 'base'), e.g. --variant mc='{"context":"masked-conv"}'
  --all-cells         also the cells the default leaves out as too slow (SLOW_CELLS:
                      cpu × cpc-v2, and webgl × all but quick-demo)
  --only-node         Node cells and the PyTorch reference only (no build, no browser)
  --only-browser      browser cells, UI and import only (and the PyTorch reference)
  --no-reference --no-ui --no-import   skip a part
  --torch-threads N   threads for PyTorch (default: torch's own choice, reported in the table)
  --ui-seconds S      training time for the long-task measure in the real UI (default 15)
  --import-count N    generated images to import (default 1000); --import-size WxH (default 1024x768)
  --label TEXT        a name stored in the JSON, for A/B runs
  --cell-timeout S    give up on one cell after this long (default 600)
${APP_USAGE}`;

export interface Variant {
  name: string;
  overrides: Partial<CpcConfig>;
}

export interface BenchOptions {
  browserBackends: BrowserBackend[];
  nodeBackends: NodeBackend[];
  workloads: WorkloadId[];
  /** Leave SLOW_CELLS out (true unless --all-cells, or both --backend and --workload were given). */
  skipSlowCells: boolean;
  budget: StepBudget;
  /** Config changes per variant: one unnamed variant, or 'base' and every --variant. */
  variants: Variant[];
  browser: boolean;
  node: boolean;
  reference: boolean;
  torchThreads: number | null;
  ui: boolean;
  importBench: boolean;
  uiSeconds: number;
  importCount: number;
  importSize: [number, number];
  /** Build, preview and Chromium (scripts/bench/app.ts). */
  app: AppOptions;
  label: string;
  cellTimeoutMs: number;
}

/** The options of `npm run bench [-- step]`, for parseCommandLine. */
const STEP_OPTIONS = {
  ...APP_OPTIONS,
  backend: { type: 'string' },
  backends: { type: 'string' },
  workload: { type: 'string' },
  preset: { type: 'string' },
  steps: { type: 'string' },
  budget: { type: 'string' },
  'min-steps': { type: 'string' },
  batch: { type: 'string' },
  config: { type: 'string' },
  variant: { type: 'string', multiple: true },
  'all-cells': { type: 'boolean' },
  'only-node': { type: 'boolean' },
  'only-browser': { type: 'boolean' },
  'no-reference': { type: 'boolean' },
  'no-ui': { type: 'boolean' },
  'no-import': { type: 'boolean' },
  'torch-threads': { type: 'string' },
  'ui-seconds': { type: 'string' },
  'import-count': { type: 'string' },
  'import-size': { type: 'string' },
  label: { type: 'string' },
  'cell-timeout': { type: 'string' },
} as const;

/** `--workload a,b` (or `--preset`), checked; every workload when absent. */
export function workloadList(raw: string | undefined): WorkloadId[] {
  return listOption(raw, WORKLOAD_IDS, 'workload') ?? [...WORKLOAD_IDS];
}

/** `--steps`, `--budget` and `--min-steps`, with the defaults of the mode that reads them. */
export function stepBudget(
  values: { steps?: string; budget?: string; 'min-steps'?: string },
  defaults: { steps: number; minSteps: number },
): StepBudget {
  return {
    maxSteps: numberOption(values.steps, 'steps', defaults.steps, 1),
    budgetMs: 1000 * numberOption(values.budget, 'budget', 10),
    minSteps: numberOption(values['min-steps'], 'min-steps', defaults.minSteps, 1),
  };
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  const values = parseCommandLine(argv, STEP_OPTIONS);
  const backendArg = values.backend ?? values.backends;
  const workloadArg = values.workload ?? values.preset;
  const backends = listOption(backendArg, BROWSER_BACKENDS, 'backend') ?? [...BROWSER_BACKENDS];
  const [width, height] = sizeOption(values['import-size'], 'import-size', [1024, 768]);
  const onlyNode = values['only-node'] ?? false;
  if (onlyNode && values['only-browser'])
    throw new Error('--only-node and --only-browser exclude each other');
  return {
    browserBackends: backends,
    nodeBackends: backends.filter((b): b is NodeBackend => (NODE_BACKENDS as readonly string[]).includes(b)),
    workloads: workloadList(workloadArg),
    skipSlowCells: !values['all-cells'] && (backendArg === undefined || workloadArg === undefined),
    budget: stepBudget(values, { steps: 500, minSteps: 2 }),
    variants: variants(values.variant ?? [], configOverrides(values.config, values.batch)),
    browser: !onlyNode,
    node: !values['only-browser'],
    reference: !values['no-reference'],
    torchThreads: torchThreads(values['torch-threads']),
    ui: !onlyNode && !values['no-ui'],
    importBench: !onlyNode && !values['no-import'],
    uiSeconds: numberOption(values['ui-seconds'], 'ui-seconds', 15),
    importCount: numberOption(values['import-count'], 'import-count', 1000),
    importSize: [width, height],
    app: appOptions(values),
    label: values.label ?? '',
    cellTimeoutMs: 1000 * numberOption(values['cell-timeout'], 'cell-timeout', 600),
  };
}

/** `--torch-threads N`, or null for torch's own choice. */
export function torchThreads(raw: string | undefined): number | null {
  return raw === undefined ? null : numberOption(raw, 'torch-threads', 1, 1);
}

function variants(named: readonly string[], base: Partial<CpcConfig>): Variant[] {
  if (named.length === 0) return [{ name: '', overrides: base }];
  return [
    { name: 'base', overrides: base },
    ...named.map((spec) => {
      const at = spec.indexOf('=');
      if (at <= 0) throw new Error(`--variant: expected NAME=JSON, got '${spec}'`);
      const name = spec.slice(0, at);
      return {
        name,
        overrides: { ...base, ...configOverrides(spec.slice(at + 1), undefined, `--variant ${name}`) },
      };
    }),
  ];
}

/** Checked against the config table, so that a typo fails loudly instead of benchmarking the default. */
function configOverrides(
  json: string | undefined,
  batch: string | undefined,
  what = '--config/--batch',
): Partial<CpcConfig> {
  const raw: Record<string, unknown> =
    json === undefined ? {} : (JSON.parse(json) as Record<string, unknown>);
  if (batch !== undefined) raw.batchSize = Number(batch);
  const { config, issues } = parseConfig(raw);
  if (issues.length > 0)
    throw new Error(`${what}: ${issues.map((i) => `${i.key} (${i.reason})`).join(', ')}`);
  return Object.fromEntries(Object.keys(raw).map((key) => [key, config[key as keyof CpcConfig]]));
}

/** Why the run leaves this cell out, or null when it runs it. */
export function slowCellReason(options: BenchOptions, backend: string, workload: WorkloadId): string | null {
  if (!options.skipSlowCells) return null;
  const slow = SLOW_CELLS.find((cell) => cell.backend === backend && cell.workload === workload);
  return slow ? `${slow.why}; --all-cells runs it` : null;
}
