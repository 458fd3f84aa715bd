import { parseArgs } from 'node:util';

export const EXPORT_PYTORCH_USAGE = `Usage: npm run export:pytorch -- <checkpoint.cpc.zip> [--out DIR]
Writes the PyTorch project that continues the run (cpc.py, train.py, config.json, weights.pt, README.md)
into DIR, unzipped. Default DIR: cpc-<data>-step<N>-pytorch beside the checkpoint.`;

/** One checkpoint path and an optional `--out DIR` (node:util parseArgs, strict, as scripts/lib/cli.ts). */
export function parseExportPytorchArgs(argv: readonly string[]): { checkpoint: string; out: string | null } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { out: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n${EXPORT_PYTORCH_USAGE}`, { cause: error });
  }
  if (parsed.positionals.length !== 1)
    throw new Error(`Give exactly one checkpoint file.\n${EXPORT_PYTORCH_USAGE}`);
  return { checkpoint: parsed.positionals[0], out: parsed.values.out ?? null };
}
