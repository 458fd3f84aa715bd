import type { StepBudget } from '../../src/bench/budget';
import type { WorkloadId } from '../../src/bench/workloads';
import { parseCommandLine } from '../lib/cli';
import { stepBudget, torchThreads, workloadList } from './stepOptions';

export const GPU_USAGE = `npm run bench -- gpu [options]   (WebGPU in Node through Dawn, against PyTorch)
  --workload LIST   quick-demo,default,cpc-v2,reference (default all; --preset is the same)
  --steps N         timed steps per workload at most (default 200)
  --budget S        seconds of timed steps per workload (default 10; 0 = all --steps)
  --min-steps N     steps even past the budget (default 3)
  --json FILE       also write the results there as JSON (the "unavailable" reason too)
  --kernels LIST    own,tfjs (default both): each workload with our WGSL kernels (after their check
                    on this device), and with tfjs' own kernels in their place, as "[tfjs kernels]"
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
  /** Which kernels each workload runs with: ours (checked on the device) and/or tfjs' own. */
  kernels: ('own' | 'tfjs')[];
  torch: boolean;
  torchDevice: 'cpu' | 'cuda' | 'auto';
  torchThreads: number | null;
  dawnFlags: string[];
}

const GPU_OPTIONS = {
  workload: { type: 'string' },
  preset: { type: 'string' },
  steps: { type: 'string' },
  budget: { type: 'string' },
  'min-steps': { type: 'string' },
  json: { type: 'string' },
  kernels: { type: 'string' },
  'no-torch': { type: 'boolean' },
  'torch-device': { type: 'string' },
  'torch-threads': { type: 'string' },
  dawn: { type: 'string', multiple: true },
} as const;

export function parseGpuOptions(argv: readonly string[]): GpuBenchOptions {
  const values = parseCommandLine(argv, GPU_OPTIONS);
  const device = values['torch-device'] ?? 'auto';
  if (device !== 'cpu' && device !== 'cuda' && device !== 'auto')
    throw new Error(`--torch-device: cpu, cuda or auto, not '${device}'`);
  return {
    workloads: workloadList(values.workload ?? values.preset),
    budget: stepBudget(values, { steps: 200, minSteps: 3 }),
    json: values.json ?? null,
    kernels: kernelList(values.kernels ?? 'own,tfjs'),
    torch: !values['no-torch'],
    torchDevice: device,
    torchThreads: torchThreads(values['torch-threads']),
    dawnFlags: values.dawn ?? [],
  };
}

function kernelList(text: string): ('own' | 'tfjs')[] {
  const list = text.split(',').map((k) => k.trim());
  for (const k of list)
    if (k !== 'own' && k !== 'tfjs') throw new Error(`--kernels: own and/or tfjs, not '${k}'`);
  return [...new Set(list)] as ('own' | 'tfjs')[];
}
