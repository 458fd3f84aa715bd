import { parseConfig, type CpcConfig } from '../../src/cpc/config';
import type { StepBudget } from '../../src/bench/budget';
import { isWorkloadId, WORKLOAD_IDS, type WorkloadId } from '../../src/bench/workloads';

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

export const USAGE = `npm run bench -- [options]
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
  --port N            preview port (default: a free one); --out-dir DIR build folder (default dist-bench)
  --no-build          serve the existing --out-dir build
  --label TEXT        a name stored in the JSON, for A/B runs
  --cell-timeout S    give up on one cell after this long (default 600)`;

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
  port: number | null;
  outDir: string;
  build: boolean;
  label: string;
  cellTimeoutMs: number;
}

/** Reads `--name value`, `--flag` and `--name N` (a number ≥ 0) from the command line; the bench scripts share it. */
export function argReader(argv: readonly string[]) {
  const value = (name: string): string | null => {
    const i = argv.indexOf(name);
    if (i < 0) return null;
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) throw new Error(`${name} needs a value`);
    return next;
  };
  const flag = (name: string) => argv.includes(name);
  const number = (name: string, fallback: number) => {
    const raw = value(name);
    const parsed = raw === null ? fallback : Number(raw);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name}: not a number ≥ 0: ${raw}`);
    return parsed;
  };
  return { value, flag, number };
}

/** `--workload a,b` (or `--preset`), checked; every workload when absent. */
export function workloadList(raw: string | null): WorkloadId[] {
  const names = raw?.split(',') ?? [...WORKLOAD_IDS];
  const bad = names.find((name) => !isWorkloadId(name));
  if (bad) throw new Error(`--workload: unknown '${bad}' (one of ${WORKLOAD_IDS.join(', ')})`);
  return names as WorkloadId[];
}

export function parseOptions(argv: string[]): BenchOptions {
  const { value, flag, number } = argReader(argv);
  const backendArg = value('--backend') ?? value('--backends');
  const workloadArg = value('--workload') ?? value('--preset');
  const backends = list(backendArg, BROWSER_BACKENDS, '--backend');
  const [width, height] = (value('--import-size') ?? '1024x768').split('x').map(Number);
  const onlyNode = flag('--only-node');
  const onlyBrowser = flag('--only-browser');
  if (onlyNode && onlyBrowser) throw new Error('--only-node and --only-browser exclude each other');
  return {
    browserBackends: backends,
    nodeBackends: backends.filter((b): b is NodeBackend => (NODE_BACKENDS as readonly string[]).includes(b)),
    workloads: workloadList(workloadArg),
    skipSlowCells: !flag('--all-cells') && (backendArg === null || workloadArg === null),
    budget: {
      maxSteps: Math.max(1, number('--steps', 500)),
      budgetMs: 1000 * number('--budget', 10),
      minSteps: Math.max(1, number('--min-steps', 2)),
    },
    variants: variants(argv, configOverrides(value('--config'), value('--batch'))),
    browser: !onlyNode,
    node: !onlyBrowser,
    reference: !flag('--no-reference'),
    torchThreads: value('--torch-threads') === null ? null : Math.max(1, number('--torch-threads', 1)),
    ui: !onlyNode && !flag('--no-ui'),
    importBench: !onlyNode && !flag('--no-import'),
    uiSeconds: number('--ui-seconds', 15),
    importCount: number('--import-count', 1000),
    importSize: [width, height],
    port: value('--port') === null ? null : number('--port', 0),
    outDir: value('--out-dir') ?? 'dist-bench',
    build: !flag('--no-build'),
    label: value('--label') ?? '',
    cellTimeoutMs: 1000 * number('--cell-timeout', 600),
  };
}

function list<T extends string>(raw: string | null, allowed: readonly T[], name: string): T[] {
  if (raw === null) return [...allowed];
  const names = raw.split(',');
  const bad = names.find((n) => !(allowed as readonly string[]).includes(n));
  if (bad) throw new Error(`${name}: unknown '${bad}' (one of ${allowed.join(', ')})`);
  return names as T[];
}

function variants(argv: string[], base: Partial<CpcConfig>): Variant[] {
  const named = argv.flatMap((arg, i) => (arg === '--variant' ? [argv[i + 1] ?? ''] : []));
  if (named.length === 0) return [{ name: '', overrides: base }];
  return [
    { name: 'base', overrides: base },
    ...named.map((spec) => {
      const at = spec.indexOf('=');
      if (at <= 0) throw new Error(`--variant: expected NAME=JSON, got '${spec}'`);
      const name = spec.slice(0, at);
      return {
        name,
        overrides: { ...base, ...configOverrides(spec.slice(at + 1), null, `--variant ${name}`) },
      };
    }),
  ];
}

/** Checked against the config table, so that a typo fails loudly instead of benchmarking the default. */
function configOverrides(
  json: string | null,
  batch: string | null,
  what = '--config/--batch',
): Partial<CpcConfig> {
  const raw: Record<string, unknown> = json === null ? {} : (JSON.parse(json) as Record<string, unknown>);
  if (batch !== null) raw.batchSize = Number(batch);
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
