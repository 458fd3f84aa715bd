/**
 * The `auto` backend choice by measurement: each candidate backend runs the current config's training
 * step under one overall time budget, and the fastest wins. tfjs cannot abort a step, so the budget is
 * kept by what is tried: a candidate known to be far slower (a software GPU, plain-JS cpu) is left out
 * up front with its reason, and each timed candidate gets a share of what is left; one whose first step
 * overran its share is reported as slower than the share and loses.
 */
import type { BackendName } from './protocol';

/** The whole probe, backend start-ups included. */
export const PROBE_BUDGET_MS = 1500;

export interface ProbeCandidate {
  name: BackendName;
  /** Set when the candidate is not timed: why (it stays in the report). */
  skip?: string;
}

/** What timing a step on the active backend gave. */
export interface StepTiming {
  /** The first step, compilation included (null when it did not finish by the deadline). */
  firstMs: number | null;
  /** A second, warm step when there was time for it. */
  warmMs: number | null;
}

/** Times the run's step on whichever backend is active (warmup.ts timeStep on a throwaway trainer). */
export type StepTimer = (deadline: number) => Promise<StepTiming>;

export interface ProbeOutcome {
  name: BackendName;
  /** Warm ms/step, else the first step's; null when not measured. */
  msPerStep: number | null;
  /** In words for the page: "wasm 142 ms/step", "webgpu > 500 ms (first step 2,310 ms)"… */
  note: string;
}

export interface ProbeDeps {
  /** Makes the candidate the active tfjs backend; throws when it cannot start. */
  start: (name: BackendName) => Promise<void>;
  /** Times the config's step on the active backend, giving up on the warm step past `deadline`. */
  time: StepTimer;
  now: () => number;
}

/** Times the candidates in order; `winner` is the fastest measured one, null when none could be timed. */
export async function probeBackends(
  candidates: readonly ProbeCandidate[],
  deps: ProbeDeps,
  budgetMs = PROBE_BUDGET_MS,
): Promise<{ winner: BackendName | null; outcomes: ProbeOutcome[] }> {
  const end = deps.now() + budgetMs;
  const timed = candidates.filter((candidate) => !candidate.skip);
  const outcomes: ProbeOutcome[] = [];
  for (const candidate of candidates) {
    if (candidate.skip) {
      outcomes.push({ name: candidate.name, msPerStep: null, note: `${candidate.name} ${candidate.skip}` });
      continue;
    }
    const left = timed.length - timed.indexOf(candidate);
    const share = (end - deps.now()) / left;
    outcomes.push(
      share > 0
        ? await probeOne(candidate.name, deps.now() + share, deps)
        : { name: candidate.name, msPerStep: null, note: `${candidate.name} not timed (budget spent)` },
    );
  }
  const measured = outcomes.filter((o): o is ProbeOutcome & { msPerStep: number } => o.msPerStep !== null);
  const best = measured.reduce<(typeof measured)[number] | null>(
    (fastest, o) => (fastest === null || o.msPerStep < fastest.msPerStep ? o : fastest),
    null,
  );
  return { winner: best?.name ?? null, outcomes };
}

async function probeOne(name: BackendName, shareEnd: number, deps: ProbeDeps): Promise<ProbeOutcome> {
  const started = deps.now();
  const share = Math.round(shareEnd - started);
  try {
    await deps.start(name);
    const { firstMs, warmMs } = await deps.time(shareEnd);
    const spent = deps.now() - started;
    if (firstMs === null || spent > share) {
      const first = firstMs === null ? 'first step not done' : `first step ${ms(firstMs)}`;
      return { name, msPerStep: null, note: `${name} > ${ms(share)} (${first})` };
    }
    if (warmMs === null)
      return { name, msPerStep: firstMs, note: `${name} first step ${ms(firstMs)} (no time for a warm one)` };
    return { name, msPerStep: warmMs, note: `${name} ${ms(warmMs)}/step` };
  } catch (err) {
    return {
      name,
      msPerStep: null,
      note: `${name} failed: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

function ms(value: number): string {
  return `${Math.round(value).toLocaleString('en')} ms`;
}
