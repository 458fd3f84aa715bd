import { argReader } from '../bench/options';

export const EXPORT_PYTORCH_USAGE = `Usage: npm run export:pytorch -- <checkpoint.cpc.zip> [--out DIR]
Writes the PyTorch project that continues the run (cpc.py, train.py, config.json, weights.pt, README.md)
into DIR, unzipped. Default DIR: cpc-<data>-step<N>-pytorch beside the checkpoint.`;

/** One checkpoint path and an optional `--out DIR`, read with the scripts' shared argReader. */
export function parseExportPytorchArgs(argv: readonly string[]): { checkpoint: string; out: string | null } {
  const { value } = argReader(argv);
  const out = value('--out');
  const unknown = argv.find((arg) => arg.startsWith('--') && arg !== '--out');
  if (unknown) throw new Error(`Unknown option ${unknown}.\n${EXPORT_PYTORCH_USAGE}`);
  const outAt = argv.indexOf('--out');
  const positional = argv.filter((arg, i) => !arg.startsWith('--') && (outAt < 0 || i !== outAt + 1));
  if (positional.length !== 1) throw new Error(`Give exactly one checkpoint file.\n${EXPORT_PYTORCH_USAGE}`);
  return { checkpoint: positional[0], out };
}
