import { describe, expect, it } from 'vitest';
import { presetSpeedNote } from './presetSpeed';

describe('presetSpeedNote', () => {
  it('says what this run measured when it is slow, with advice for the backend', () => {
    expect(presetSpeedNote({ presetId: 'keras-cpc', backend: 'wasm', measuredStepsPerSecond: 1.04 })).toEqual(
      { kind: 'measured', text: 'About 1 step/s here; a GPU helps.' },
    );
    expect(presetSpeedNote({ presetId: 'cpc-v2', backend: 'webgpu', measuredStepsPerSecond: 2.46 })).toEqual({
      kind: 'measured',
      text: 'About 2.5 steps/s here; Quick demo is faster.',
    });
    // Any config can be slow on a slow machine: the measurement speaks, whatever the preset.
    expect(presetSpeedNote({ presetId: null, backend: 'cpu', measuredStepsPerSecond: 0.25 })?.text).toBe(
      'About 0.3 steps/s here; a GPU helps.',
    );
  });

  it('says nothing when the run is fast enough', () => {
    expect(
      presetSpeedNote({ presetId: 'keras-cpc', backend: 'webgpu', measuredStepsPerSecond: 3 }),
    ).toBeNull();
    expect(
      presetSpeedNote({ presetId: 'quick-demo', backend: 'wasm', measuredStepsPerSecond: 40 }),
    ).toBeNull();
  });

  it('before the first step estimates the heavy presets on the CPU backends, and labels it', () => {
    expect(presetSpeedNote({ presetId: 'cpc-v2', backend: 'wasm', measuredStepsPerSecond: 0 })).toEqual({
      kind: 'estimate',
      text: 'Expect about 0.7 steps/s on WASM (estimate); a GPU helps.',
    });
    expect(presetSpeedNote({ presetId: 'keras-cpc', backend: 'cpu', measuredStepsPerSecond: 0 })?.text).toBe(
      'Expect about 1.5 steps/s or slower on the CPU (estimate); a GPU helps.',
    );
    // No estimate for light presets, for GPUs (not measured) or before the backend is known.
    expect(
      presetSpeedNote({ presetId: 'quick-demo', backend: 'wasm', measuredStepsPerSecond: 0 }),
    ).toBeNull();
    expect(presetSpeedNote({ presetId: 'cpc-v2', backend: 'webgl', measuredStepsPerSecond: 0 })).toBeNull();
    expect(presetSpeedNote({ presetId: 'cpc-v2', backend: null, measuredStepsPerSecond: 0 })).toBeNull();
  });
});
