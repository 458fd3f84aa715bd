import { describe, expect, it } from 'vitest';
import { decideMove, mayMove, moveCandidates, recentMsPerStep } from './backendMove';
import type { GpuAvailability } from './protocol';

const HARDWARE = { device: 'nvidia ampere', software: false };
const SWIFTSHADER = { device: 'google swiftshader', software: true };

describe('moveCandidates', () => {
  const both: GpuAvailability = { webgpu: HARDWARE, webgl: HARDWARE };

  it('offers the hardware GPUs, WebGPU first, to a run on wasm or cpu under auto', () => {
    expect(moveCandidates('auto', 'wasm', both, false)).toEqual(['webgpu', 'webgl']);
    expect(moveCandidates('auto', 'cpu', { webgpu: null, webgl: HARDWARE }, false)).toEqual(['webgl']);
  });

  it('offers nothing when the user chose the backend, or the run is on a GPU already', () => {
    for (const choice of ['wasm', 'cpu', 'webgpu', 'webgl'] as const) {
      expect(mayMove(choice, 'wasm')).toBe(false);
      expect(moveCandidates(choice, 'wasm', both, true)).toEqual([]);
    }
    expect(moveCandidates('auto', 'webgpu', both, true)).toEqual([]);
    expect(moveCandidates('auto', 'webgl', both, true)).toEqual([]);
  });

  it('leaves software GPUs out unless the test switch counts them', () => {
    const software: GpuAvailability = { webgpu: SWIFTSHADER, webgl: SWIFTSHADER };
    expect(moveCandidates('auto', 'wasm', software, false)).toEqual([]);
    expect(moveCandidates('auto', 'wasm', software, true)).toEqual(['webgpu', 'webgl']);
    expect(moveCandidates('auto', 'wasm', { webgpu: null, webgl: null }, true)).toEqual([]);
  });
});

describe('recentMsPerStep', () => {
  const rows = (...ms: number[]) => ms.map((stepMs) => ({ stepMs }));

  it('is unknown before three steps, then the median of the last ten', () => {
    expect(recentMsPerStep(rows())).toBeNull();
    expect(recentMsPerStep(rows(50, 60))).toBeNull();
    expect(recentMsPerStep(rows(50, 900, 60))).toBe(60);
    expect(recentMsPerStep(rows(10, 20, 30, 40))).toBe(25);
    // The first two rows fall out of the last ten.
    expect(recentMsPerStep(rows(1000, 1000, ...Array<number>(10).fill(65)))).toBe(65);
  });
});

describe('decideMove', () => {
  it('moves to a candidate at least 1.25× faster, and says by how much', () => {
    expect(
      decideMove({ backend: 'wasm', msPerStep: 65 }, { backend: 'webgpu', msPerStep: 12 }, false),
    ).toEqual({
      kind: 'move',
      message: 'moved to WebGPU: 12 ms/step against 65 on WASM',
    });
    expect(
      decideMove({ backend: 'wasm', msPerStep: 100 }, { backend: 'webgl', msPerStep: 80 }, false),
    ).toEqual({
      kind: 'move',
      message: 'moved to WebGL: 80 ms/step against 100 on WASM',
    });
  });

  it('stays when the candidate is slower or only a little faster', () => {
    expect(
      decideMove({ backend: 'wasm', msPerStep: 100 }, { backend: 'webgl', msPerStep: 81 }, false),
    ).toEqual({
      kind: 'stay',
      message: 'stayed on WASM: WebGL took 81 ms/step against 100 on WASM',
    });
    expect(
      decideMove({ backend: 'wasm', msPerStep: 60 }, { backend: 'webgpu', msPerStep: 3912.4 }, false),
    ).toEqual({ kind: 'stay', message: 'stayed on WASM: WebGPU took 3,912 ms/step against 60 on WASM' });
  });

  it('waits while the current run has no speed yet, and stays when the candidate has none', () => {
    expect(
      decideMove({ backend: 'wasm', msPerStep: null }, { backend: 'webgpu', msPerStep: 5 }, false),
    ).toEqual({
      kind: 'wait',
    });
    expect(
      decideMove({ backend: 'wasm', msPerStep: 60 }, { backend: 'webgpu', msPerStep: null }, false),
    ).toEqual({
      kind: 'stay',
      message: 'stayed on WASM: WebGPU was not timed',
    });
  });

  it('moves at once with the test switch, whatever the numbers, and says it was forced', () => {
    expect(
      decideMove({ backend: 'wasm', msPerStep: null }, { backend: 'webgpu', msPerStep: 4000 }, true),
    ).toEqual({
      kind: 'move',
      message: 'moved to WebGPU: 4,000 ms/step (test switch: counted as faster)',
    });
    expect(
      decideMove({ backend: 'wasm', msPerStep: 60 }, { backend: 'webgpu', msPerStep: 4000 }, true),
    ).toEqual({
      kind: 'move',
      message: 'moved to WebGPU: 4,000 ms/step against 60 on WASM (test switch: counted as faster)',
    });
  });
});
