import { readFileSync } from 'node:fs';
import { parseConfig, type ConfigIssue, type CpcConfig } from '../cpc/config';
import { PRESETS } from '../cpc/presets';
import type { NodeBackend } from './nodeBackend';

export interface TrainArgs {
  data: string;
  config: CpcConfig;
  /** false without --config: the runner then fits the config to the data (fitConfigToImages). */
  configGiven: boolean;
  configIssues: ConfigIssue[];
  steps: number;
  out: string;
  logEvery: number;
  backend: NodeBackend;
}

export const TRAIN_USAGE = `Usage: npm run train -- [--data synthetic|textures|mnist|fashion-mnist|<folder>] [--preset <id>]
                        [--config <file.json|json>] [--steps N] [--out DIR] [--log-every N] [--backend wasm|cpu]
Defaults: --data synthetic --preset default --steps 400 --out runs/latest --log-every 10 --backend wasm
--config fields go on top of the preset. Without --config the size, grid and channels are fitted to the
data (colour stays colour, with colour dropping on).`;

/** Parses the runner's command line; throws an Error with the usage on bad input. */
export function parseTrainArgs(argv: string[]): TrainArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (!flag.startsWith('--')) throw new Error(`Unexpected argument '${flag}'.\n${TRAIN_USAGE}`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--'))
      throw new Error(`${flag} needs a value.\n${TRAIN_USAGE}`);
    values.set(flag.slice(2), value);
    i++;
  }
  for (const key of values.keys()) {
    if (!['data', 'preset', 'config', 'steps', 'out', 'log-every', 'backend'].includes(key))
      throw new Error(`Unknown option --${key}.\n${TRAIN_USAGE}`);
  }
  const preset = readPreset(values.get('preset'));
  const given = readConfig(values.get('config'));
  const isObject = typeof given === 'object' && given !== null && !Array.isArray(given);
  const { config, issues } = parseConfig(isObject ? { ...preset, ...given } : given);
  const backend = values.get('backend') ?? 'wasm';
  if (backend !== 'wasm' && backend !== 'cpu')
    throw new Error(`--backend must be wasm or cpu.\n${TRAIN_USAGE}`);
  return {
    data: values.get('data') ?? 'synthetic',
    config,
    configGiven: values.has('config'),
    configIssues: issues,
    steps: positiveInt(values.get('steps') ?? '400', '--steps'),
    out: values.get('out') ?? 'runs/latest',
    logEvery: positiveInt(values.get('log-every') ?? '10', '--log-every'),
    backend,
  };
}

function readPreset(id: string | undefined): CpcConfig | Record<string, never> {
  if (id === undefined) return {};
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset)
    throw new Error(`--preset must be one of ${PRESETS.map((p) => p.id).join(', ')}.\n${TRAIN_USAGE}`);
  return preset.config;
}

function readConfig(arg: string | undefined): unknown {
  if (arg === undefined) return {};
  const text = arg.trim().startsWith('{') ? arg : readFileSync(arg, 'utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`--config: ${arg} is not valid JSON.`);
  }
}

function positiveInt(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer, got '${text}'.`);
  return n;
}
