import { describe, expect, it } from 'vitest';
import { probeBackends, type ProbeCandidate, type StepTiming } from './backendProbe';
import type { BackendName } from './protocol';

/**
 * A fake clock that only moves when a fake backend "works": each backend takes `startMs` to start and
 * `firstMs` / `warmMs` per step, and honours the deadline the way warmup.ts timeStep does.
 */
function fakeBackends(
  costs: Partial<Record<BackendName, { startMs?: number; firstMs: number; warmMs: number }>>,
) {
  let clock = 0;
  let active: BackendName | null = null;
  const deadlines: Partial<Record<BackendName, number>> = {};
  const deps = {
    now: () => clock,
    start: async (name: BackendName) => {
      const cost = costs[name];
      if (!cost) throw new Error(`${name} is missing`);
      clock += cost.startMs ?? 0;
      active = name;
    },
    time: async (deadline: number): Promise<StepTiming> => {
      const cost = costs[active as BackendName];
      if (!cost) throw new Error('no backend');
      deadlines[active as BackendName] = deadline;
      clock += cost.firstMs;
      if (clock + cost.firstMs > deadline) return { firstMs: cost.firstMs, warmMs: null };
      clock += cost.warmMs;
      return { firstMs: cost.firstMs, warmMs: cost.warmMs };
    },
  };
  return { deps, deadlines, elapsed: () => clock };
}

describe('probeBackends', () => {
  it('picks the fastest warm step and reports each candidate in order', async () => {
    const { deps, elapsed } = fakeBackends({
      wasm: { startMs: 50, firstMs: 300, warmMs: 140 },
      webgpu: { startMs: 100, firstMs: 200, warmMs: 20 },
    });
    const candidates: ProbeCandidate[] = [
      { name: 'wasm' },
      { name: 'webgpu' },
      { name: 'cpu', skip: 'not timed: plain JavaScript' },
    ];
    const { winner, outcomes } = await probeBackends(candidates, deps, 1500);
    expect(winner).toBe('webgpu');
    expect(outcomes.map((o) => o.note)).toEqual([
      'wasm 140 ms/step',
      'webgpu 20 ms/step',
      'cpu not timed: plain JavaScript',
    ]);
    expect(elapsed()).toBe(50 + 300 + 140 + 100 + 200 + 20);
  });

  it('splits what is left of the budget among the candidates still to time', async () => {
    const { deps, deadlines } = fakeBackends({
      wasm: { firstMs: 200, warmMs: 100 },
      webgpu: { firstMs: 50, warmMs: 10 },
      webgl: { firstMs: 50, warmMs: 10 },
    });
    await probeBackends([{ name: 'wasm' }, { name: 'webgpu' }, { name: 'webgl' }], deps, 1500);
    // wasm: 1500 / 3 = 500 from 0; it used 300, so webgpu gets (1500 − 300) / 2 = 600 from 300.
    expect(deadlines.wasm).toBe(500);
    expect(deadlines.webgpu).toBe(900);
    // webgpu used 60: webgl gets all of the remaining 1140 from 360.
    expect(deadlines.webgl).toBe(1500);
  });

  it('a first step that overruns its share loses, with the share and the step time in the note', async () => {
    const { deps } = fakeBackends({
      wasm: { firstMs: 200, warmMs: 150 },
      webgl: { firstMs: 900, warmMs: 5 },
    });
    const { winner, outcomes } = await probeBackends([{ name: 'wasm' }, { name: 'webgl' }], deps, 1000);
    expect(winner).toBe('wasm');
    // wasm's share: 500; it used 350, so webgl's share is 650 and its 900 ms first step overran it.
    expect(outcomes.map((o) => o.note)).toEqual(['wasm 150 ms/step', 'webgl > 650 ms (first step 900 ms)']);
    expect(outcomes[1].msPerStep).toBeNull();
  });

  it('falls back to the first step when no warm step fitted, and reports a failed start', async () => {
    const { deps } = fakeBackends({ wasm: { firstMs: 600, warmMs: 200 } });
    const { winner, outcomes } = await probeBackends([{ name: 'webgpu' }, { name: 'wasm' }], deps, 1000);
    expect(winner).toBe('wasm');
    expect(outcomes.map((o) => o.note)).toEqual([
      'webgpu failed: webgpu is missing',
      'wasm first step 600 ms (no time for a warm one)',
    ]);
  });

  it('does not start a candidate once the budget is spent, and has no winner when nothing was timed', async () => {
    const { deps } = fakeBackends({
      wasm: { firstMs: 2000, warmMs: 100 },
      webgpu: { firstMs: 10, warmMs: 1 },
    });
    const { winner, outcomes } = await probeBackends([{ name: 'wasm' }, { name: 'webgpu' }], deps, 1500);
    expect(winner).toBeNull();
    expect(outcomes.map((o) => o.note)).toEqual([
      'wasm > 750 ms (first step 2,000 ms)',
      'webgpu not timed (budget spent)',
    ]);
  });
});
