/**
 * npm run bench -- soak [--steps 20000] [--every 1000] [--judge FILE] ...: scripts/soak.ts as a bench mode.
 * That script reads its own command line from process.argv when it is loaded, and runs; this hands it
 * the mode's options there, and the shared build folder unless it is given another or a page.
 */
import { buildFolder } from '../appOptions';

export const USAGE = `npm run bench -- soak [options]: a lesson-long run in the real page, judged for leaks
  --steps N           steps to train (default 20000; at least 4 × --every)
  --every N           steps between samples (default 1000)
  --judge FILE        judge a saved soak-results/soak-<time>.json again, without training
  --origin URL        a page already served: no build, no preview
  --no-build          serve the last build in --out-dir (default ${buildFolder(true)})
  --out-dir DIR       build folder; --port N preview port
The table and verdict go to soak-results/; exits 1 on a leak, 2 when the run itself failed.`;

/** The command line scripts/soak.ts is loaded with. */
export function soakArgv(argv: readonly string[]): string[] {
  const ownsBuild = argv.some((arg) => /^--(out-dir|origin|judge)(=|$)/.test(arg));
  return ownsBuild ? [...argv] : [...argv, '--out-dir', buildFolder(true)];
}

export async function run(argv: string[]): Promise<void> {
  process.argv = [...process.argv.slice(0, 2), ...soakArgv(argv)];
  // It sets process.exitCode; the bench entry exits with it.
  await import('../../soak.ts');
}
