import { readFileSync } from 'node:fs';
import { parseConfig, type ConfigIssue, type CpcConfig } from '../cpc/config';
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

export const TRAIN_USAGE = `Usage: npm run train -- [--data synthetic|textures|mnist|fashion-mnist|<folder>] [--config <file.json|json>]
                        [--steps N] [--out DIR] [--log-every N] [--backend wasm|cpu]
Defaults: --data synthetic --steps 400 --out runs/latest --log-every 10 --backend wasm
Without --config the config is fitted to the data: its size, grid and channels (colour stays colour).`;

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
    if (!['data', 'config', 'steps', 'out', 'log-every', 'backend'].includes(key))
      throw new Error(`Unknown option --${key}.\n${TRAIN_USAGE}`);
  }
  const { config, issues } = parseConfig(readConfig(values.get('config')));
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
