import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCheckpoint } from '../../cpc/checkpoint/format';
import { DEFAULT_CONFIG, type CpcConfig } from '../../cpc/config';
import { PRESETS } from '../../cpc/presets';
import { useCpuBackend } from '../../cpc/testing/tfTest';
import { writeAugmentationCase, writeModelCase, type Expected } from './parityCases';

/**
 * Parity of the exported PyTorch model (pytorch/cpc.py) with the playground: for each preset, shrunk, and
 * each encoder, norm, context, direction, loss and candidate option, the playground's checkpoint is
 * loaded in PyTorch, which computes on the same batch, patches and candidates the loss, the gradient
 * norm, the codes z, every gradient, the probe's features and one AdamW step; each agrees to 1e-4
 * relative. All cases run in one python3 process. Needs python3 with torch (Debian: python3-torch).
 */
const TOLERANCE = 1e-4;

/** A python3 that imports torch: $PYTHON, the one on PATH, or Debian's (pyenv shims hide it). */
function pythonWithTorch(): string | null {
  const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c);
  return candidates.find((cmd) => spawnSync(cmd, ['-c', 'import torch, numpy'], { stdio: 'ignore' }).status === 0) ?? null;
}

/** Small enough for the cpu backend: 20 px images, a 4×4 grid of 8 px patches, k = 2 and 3, batch 3. */
const TINY: Partial<CpcConfig> = {
  imageSize: 20,
  channels: 3,
  patchSize: 8,
  patchStride: 4,
  encoderWidth: 4,
  codeSize: 8,
  contextHidden: 8,
  kMax: 3,
  negatives: 7,
  batchSize: 3,
};
const tiny = (change: Partial<CpcConfig>): CpcConfig => ({
  ...DEFAULT_CONFIG,
  ...change,
  ...TINY,
  encoderHidden: (change.encoderHidden ?? DEFAULT_CONFIG.encoderHidden) > 0 ? 8 : 0,
  ...(change.channels ? { channels: change.channels } : {}),
});

const MODEL_CASES: [string, CpcConfig][] = [
  ...PRESETS.map((p): [string, CpcConfig] => [`preset ${p.id}`, tiny(p.config)]),
  ...(['simple-cnn', 'resnet'] as const).flatMap((encoder) =>
    (['none', 'batch', 'layer'] as const).map((norm): [string, CpcConfig] => [
      `encoder ${encoder}, norm ${norm}`,
      tiny({ encoder, norm }),
    ]),
  ),
  ['context gru', tiny({ context: 'gru' })],
  ['context lstm', tiny({ context: 'lstm' })],
  ['context masked-conv', tiny({ context: 'masked-conv' })],
  ['directions top-down', tiny({ directions: 'top-down' })],
  ['directions all, gru', tiny({ directions: 'all' })],
  ['directions all, lstm', tiny({ directions: 'all', context: 'lstm' })],
  ['directions all, masked-conv', tiny({ directions: 'all', context: 'masked-conv' })],
  ['loss infonce', tiny({ loss: 'infonce' })],
  ['loss bce', tiny({ loss: 'bce' })],
  ['candidates row', tiny({ candidates: 'row' })],
  ['grayscale, no dense layer', tiny({ channels: 1, encoderHidden: 0 })],
  ['gradient clipped hard', tiny({ gradClip: 0.01 })],
  ['no clipping, no decay', tiny({ gradClip: 0, weightDecay: 0 })],
];

const AUGMENTATION_CASES: [string, CpcConfig][] = [
  ['augmentation: CPC v2 strengths, RGB', tiny(PRESETS.find((p) => p.id === 'cpc-v2')!.config)],
  [
    'augmentation: every one at full strength, RGB',
    tiny({ augJitter: 1, augFlip: 0.5, augColorDrop: 0.5, augColorJitter: 1, augGrayscale: 0.3, augShearRotate: 1, augElastic: 1 }),
  ],
  [
    'augmentation: every one on, grayscale',
    tiny({ channels: 1, augJitter: 0.7, augFlip: 0.5, augColorJitter: 0.8, augShearRotate: 0.6, augElastic: 0.6 }),
  ],
];

/** max |a − b| / max |b|: the largest difference relative to the reference's scale. */
function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

/** Concatenates every entry under a prefix, in the playground's order. */
function gather(map: Map<string, Float32Array>, prefix: string, names: string[]): Float32Array {
  const parts = names.map((n) => map.get(`${prefix}${n}`)!);
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** One unit in the last place of the float32 nearest x. */
function ulp32(x: number): number {
  const a = Math.abs(Math.fround(x));
  return a === 0 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(a)) - 23);
}

/**
 * The AdamW step's difference relative to the step's size, max |Δw| / max |w_after − w_before|, where a
 * difference within 2 ulp of the weight counts as none: the update is far smaller than the weights, and
 * rounding w − lr·u to float32 (once in tfjs, twice in torch's decay-then-update) is not a disagreement.
 */
function stepDifference(actual: Float32Array, expected: Float32Array, before: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i] - expected[i]) - 2 * ulp32(expected[i]));
    scale = Math.max(scale, Math.abs(expected[i] - before[i]));
  }
  return Math.max(diff, 0) / scale;
}

type Row = Record<string, number>;

function compareModel(expected: Expected, actual: Map<string, Float32Array>): Row {
  const names = [...expected.keys()].filter((k) => k.startsWith('after/')).map((k) => k.slice(6));
  const gradNames = [...expected.keys()].filter((k) => k.startsWith('grad/')).map((k) => k.slice(5));
  const features = [...expected.keys()].filter((k) => k.startsWith('feature/'));
  // A bias in front of a batch norm has a gradient of zero up to float noise (~1e-10), which Adam divides
  // by ε into a step of noise: such weights are left out of the step comparison (their gradients are not).
  const largest = (n: string) => Math.max(...expected.get(`grad/${n}`)!.map(Math.abs));
  const gradScale = Math.max(...gradNames.map(largest));
  const stepNames = names.filter((n) => !gradNames.includes(n) || largest(n) > 1e-6 * gradScale);
  const before = gather(expected, 'before/', stepNames);
  return {
    loss: relativeDifference(actual.get('loss')!, expected.get('loss')!),
    gradNorm: relativeDifference(actual.get('gradNorm')!, expected.get('gradNorm')!),
    z: relativeDifference(actual.get('z')!, expected.get('z')!),
    grads: relativeDifference(gather(actual, 'grad/', gradNames), gather(expected, 'grad/', gradNames)),
    features: Math.max(...features.map((f) => relativeDifference(actual.get(f)!, expected.get(f)!))),
    adamwStep: stepDifference(gather(actual, 'after/', stepNames), gather(expected, 'after/', stepNames), before),
    roundtrip: actual.get('roundtrip')![0],
  };
}

const python = pythonWithTorch();
const SKIP_REASON = 'skipped: no python3 that imports torch (Debian: apt-get install python3-torch)';

describe.skipIf(!python)(`PyTorch export parity${python ? '' : ` (${SKIP_REASON})`}`, () => {
  useCpuBackend();
  const root = mkdtempSync(join(tmpdir(), 'cpc-parity-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('cpc.py matches the playground for every preset and option to 1e-4 relative', async () => {
    const started = performance.now();
    const expected = new Map<string, Expected>();
    const caseDir = (i: number) => join(root, `case${String(i).padStart(2, '0')}`);
    for (const [i, [, config]] of MODEL_CASES.entries()) expected.set(caseDir(i), await writeModelCase(caseDir(i), config));
    const augStart = MODEL_CASES.length;
    for (const [j, [, config]] of AUGMENTATION_CASES.entries())
      expected.set(caseDir(augStart + j), writeAugmentationCase(caseDir(augStart + j), config));

    console.log(`cases written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const pythonStarted = performance.now();
    const run = spawnSync(python!, ['pytorch/tests/parity_driver.py', root], { encoding: 'utf8' });
    console.log(`python3 ran them in ${((performance.now() - pythonStarted) / 1000).toFixed(1)} s`);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    const read = (dir: string) => decodeCheckpoint(new Uint8Array(readFileSync(join(dir, 'result.cpc.zip')))).tensors;
    const rows = MODEL_CASES.map(([label], i) => ({ label, ...compareModel(expected.get(caseDir(i))!, read(caseDir(i))) }));
    const augRows = AUGMENTATION_CASES.map(([label], j) => {
      const dir = caseDir(augStart + j);
      return { label, augmented: relativeDifference(read(dir).get('augmented')!, expected.get(dir)!.get('augmented')!) };
    });
    console.log(parityTable(rows, augRows));

    for (const { label, roundtrip, ...row } of rows) {
      expect(roundtrip, `${label}: load_playground_state → playground_state`).toBe(0);
      for (const [what, diff] of Object.entries(row)) expect(diff, `${label}: ${what}`).toBeLessThan(TOLERANCE);
    }
    for (const { label, augmented } of augRows) expect(augmented, label).toBeLessThan(TOLERANCE);
  });
});

function parityTable(rows: ({ label: string } & Row)[], augRows: { label: string; augmented: number }[]): string {
  const columns = ['loss', 'gradNorm', 'z', 'grads', 'features', 'adamwStep'];
  const fmt = (v: number) => (v === 0 ? '0' : v.toExponential(1));
  const lines = [
    `| case | ${columns.join(' | ')} |`,
    `|---|${columns.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.label} | ${columns.map((c) => fmt(r[c])).join(' | ')} |`),
    '',
    '| augmentation case | patches |',
    '|---|---|',
    ...augRows.map((r) => `| ${r.label.replace('augmentation: ', '')} | ${fmt(r.augmented)} |`),
  ];
  return `PyTorch parity, max relative difference (max |Δ| / max |playground|):\n${lines.join('\n')}`;
}
