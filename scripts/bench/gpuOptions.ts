import type { StepBudget } from '../../src/bench/budget';
import type { WorkloadId } from '../../src/bench/workloads';
import { argReader, workloadList } from './options';

export const GPU_USAGE = `npm run bench:gpu -- [options]   (WebGPU in Node through Dawn, against PyTorch)
  --workload LIST   quick-demo,default,cpc-v2,reference (default all; --preset is the same)
  --steps N         timed steps per workload at most (default 200)
  --budget S        seconds of timed steps per workload (default 10; 0 = all --steps)
  --min-steps N     steps even past the budget (default 3)
  --json FILE       also write the results there as JSON (the "unavailable" reason too)
  --no-torch        skip the PyTorch reference
  --torch-device D  cpu, cuda or auto (default auto: cuda when torch sees a GPU)
  --torch-threads N threads for PyTorch on the CPU (default: torch's own choice)
  --dawn FLAG       passed to Dawn's create() (repeatable), e.g. --dawn backend=vulkan,
                    --dawn adapter=NAME (a wrong name lists the adapters), --dawn backend=null (no GPU:
                    checks the script itself, its timings mean nothing)`;

export interface GpuBenchOptions {
  workloads: WorkloadId[];
  budget: StepBudget;
  json: string | null;
  torch: boolean;
  torchDevice: 'cpu' | 'cuda' | 'auto';
  torchThreads: number | null;
  dawnFlags: string[];
}

export function parseGpuOptions(argv: readonly string[]): GpuBenchOptions {
  const { value, flag, number } = argReader(argv);
  const device = value('--torch-device') ?? 'auto';
  if (device !== 'cpu' && device !== 'cuda' && device !== 'auto')
    throw new Error(`--torch-device: cpu, cuda or auto, not '${device}'`);
  const known = new Set([
    '--workload',
    '--preset',
    '--steps',
    '--budget',
    '--min-steps',
    '--json',
    '--no-torch',
    '--torch-device',
    '--torch-threads',
    '--dawn',
  ]);
  const unknown = argv.find((arg) => arg.startsWith('--') && !known.has(arg));
  if (unknown) throw new Error(`unknown option ${unknown} (npm run bench:gpu -- --help)`);
  return {
    workloads: workloadList(value('--workload') ?? value('--preset')),
    budget: {
      maxSteps: Math.max(1, number('--steps', 200)),
      budgetMs: 1000 * number('--budget', 10),
      minSteps: Math.max(1, number('--min-steps', 3)),
    },
    json: value('--json'),
    torch: !flag('--no-torch'),
    torchDevice: device,
    torchThreads: value('--torch-threads') === null ? null : Math.max(1, number('--torch-threads', 1)),
    dawnFlags: argv.flatMap((arg, i) => (arg === '--dawn' ? [dawnFlag(argv[i + 1])] : [])),
  };
}

function dawnFlag(next: string | undefined): string {
  if (next === undefined || next.startsWith('--')) throw new Error('--dawn needs a value');
  return next;
}
