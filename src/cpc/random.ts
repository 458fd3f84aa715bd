/**
 * Seeded pseudo-random numbers. Every random choice in the core (initial weights, batches,
 * augmentations, negatives) draws from an Rng passed in, so a run is reproducible from its config.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** A new independent generator derived from this one's stream. */
  fork(): Rng;
  /** The generator's state, to resume the exact stream later (checkpoints). */
  state(): number;
  /** Everything needed to continue this exact stream: the state and a pending normal deviate. */
  snapshot(): RngSnapshot;
}

export interface RngSnapshot {
  state: number;
  spareNormal: number | null;
}

/**
 * mulberry32: tiny, fast and good enough for ML sampling; state is one uint32. `initial` continues a
 * stream (a state, or a snapshot that also carries a pending normal deviate) instead of seeding one.
 */
export function createRng(seed: number, initial?: number | RngSnapshot): Rng {
  let s = typeof initial === 'object' ? initial.state >>> 0 : (initial ?? hashSeed(seed));
  let spareNormal: number | null = typeof initial === 'object' ? initial.spareNormal : null;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    normal: () => {
      if (spareNormal !== null) {
        const v = spareNormal;
        spareNormal = null;
        return v;
      }
      const u = 1 - next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spareNormal = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    fork: () => createRng(Math.floor(next() * 4294967296)),
    state: () => s,
    snapshot: () => ({ state: s, spareNormal }),
  };
  return rng;
}

/** Continues the stream a snapshot was taken from, draw for draw. */
export function restoreRng(snapshot: RngSnapshot): Rng {
  return createRng(0, snapshot);
}

/** Whether a value read from a file is a snapshot restoreRng accepts. */
export function isRngSnapshot(value: unknown): value is RngSnapshot {
  const v = value as Partial<RngSnapshot> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    Number.isInteger(v.state) &&
    (v.spareNormal === null || (typeof v.spareNormal === 'number' && Number.isFinite(v.spareNormal)))
  );
}

/** Spreads nearby seeds (1, 2, 3…) into unrelated starting states. */
function hashSeed(seed: number): number {
  let h = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Fisher–Yates shuffle of 0..n-1. */
export function permutation(n: number, rng: Rng): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}
