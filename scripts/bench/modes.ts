/** The modes of `npm run bench -- [mode] [options]`: one entry point for every measurement. */

/** What a mode's module exports: its usage and its run, which returns the exit code (or nothing for 0). */
export interface BenchModule {
  USAGE: string;
  run(argv: string[]): Promise<number | void>;
}

export interface BenchMode {
  name: string;
  summary: string;
  load(): Promise<BenchModule>;
  /** Options this mode adds in front of the user's (`node` is `step --only-node`). */
  implied?: string[];
}

export const BENCH_MODES: readonly BenchMode[] = [
  {
    name: 'step',
    summary: 'ms/step per backend × workload in Chromium and Node, the real UI, an import, PyTorch (default)',
    load: () => import('./modes/step'),
  },
  {
    name: 'node',
    summary: 'the same in Node only (step --only-node): no build, no browser',
    load: () => import('./modes/step'),
    implied: ['--only-node'],
  },
  {
    name: 'gpu',
    summary: 'the WebGPU step on a real GPU in Node (Dawn), against PyTorch',
    load: () => import('./modes/gpu'),
  },
  {
    name: 'import',
    summary: 'importing generated JPEGs in Chromium: time, peak memory, long tasks',
    load: () => import('./modes/import'),
  },
  {
    name: 'ui',
    summary: 'the real page: steps/s, long tasks, presets, first step (--mode)',
    load: () => import('./modes/ui'),
  },
  {
    name: 'quality',
    summary: 'learning quality beside random init, raw pixels and supervised, into docs/quality.md',
    load: () => import('./modes/quality'),
  },
  {
    name: 'soak',
    summary: 'a lesson-long run in the real page, judged for leaks',
    load: () => import('./modes/soak'),
  },
];

export const DEFAULT_MODE = 'step';

/** The mode the first word names (the default when it is an option or absent), and its options. */
export function pickMode(argv: readonly string[]): { mode: BenchMode; argv: string[] } {
  const [first, ...rest] = argv;
  const named = first !== undefined && !first.startsWith('-');
  const name = named ? first : DEFAULT_MODE;
  const mode = BENCH_MODES.find((candidate) => candidate.name === name);
  if (!mode) throw new Error(`unknown mode '${name}' (one of ${BENCH_MODES.map((m) => m.name).join(', ')})`);
  return { mode, argv: [...(mode.implied ?? []), ...(named ? rest : argv)] };
}

export function modesOverview(): string {
  const width = Math.max(...BENCH_MODES.map((mode) => mode.name.length));
  const lines = BENCH_MODES.map((mode) => `  ${mode.name.padEnd(width)}  ${mode.summary}`);
  return `npm run bench -- [mode] [options]   (npm run bench -- MODE --help: that mode's options)\n${lines.join('\n')}`;
}
