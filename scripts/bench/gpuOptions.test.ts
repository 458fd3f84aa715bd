import { describe, expect, it } from 'vitest';
import { WORKLOAD_IDS } from '../../src/bench/workloads';
import { parseGpuOptions } from './gpuOptions';

describe('parseGpuOptions', () => {
  it('defaults to every workload, a 10 s budget, no JSON, and PyTorch on cuda when it can', () => {
    expect(parseGpuOptions([])).toEqual({
      workloads: [...WORKLOAD_IDS],
      budget: { maxSteps: 200, budgetMs: 10_000, minSteps: 3 },
      json: null,
      kernels: ['own', 'tfjs'],
      torch: true,
      torchDevice: 'auto',
      torchThreads: null,
      dawnFlags: [],
    });
  });

  it('reads the workloads, budget, JSON file, torch choices and repeated Dawn flags', () => {
    const options = parseGpuOptions([
      '--workload',
      'default,reference',
      '--steps',
      '50',
      '--budget',
      '0',
      '--json',
      'out/gpu.json',
      '--torch-device',
      'cpu',
      '--torch-threads',
      '4',
      '--dawn',
      'backend=vulkan',
      '--dawn',
      'enable-dawn-features=allow_unsafe_apis,dump_shaders',
    ]);
    expect(options.workloads).toEqual(['default', 'reference']);
    expect(options.budget).toEqual({ maxSteps: 50, budgetMs: 0, minSteps: 3 });
    expect(options.json).toBe('out/gpu.json');
    expect(parseGpuOptions(['--kernels', 'tfjs']).kernels).toEqual(['tfjs']);
    expect(() => parseGpuOptions(['--kernels', 'own,mine'])).toThrow(
      /--kernels: own and\/or tfjs, not 'mine'/,
    );
    expect(options.torchDevice).toBe('cpu');
    expect(options.torchThreads).toBe(4);
    expect(options.dawnFlags).toEqual([
      'backend=vulkan',
      'enable-dawn-features=allow_unsafe_apis,dump_shaders',
    ]);
    expect(parseGpuOptions(['--no-torch']).torch).toBe(false);
  });

  it('refuses what it does not know rather than time the wrong thing', () => {
    expect(() => parseGpuOptions(['--workload', 'keras'])).toThrow(/unknown 'keras'/);
    expect(() => parseGpuOptions(['--torch-device', 'mps'])).toThrow(/cpu, cuda or auto/);
    expect(() => parseGpuOptions(['--json'])).toThrow(/'--json <value>' argument missing/);
    expect(() => parseGpuOptions(['--dawn', '--json', 'x'])).toThrow(/'--dawn' argument is ambiguous/);
    expect(() => parseGpuOptions(['--only-node'])).toThrow(/Unknown option '--only-node'/);
  });
});
