/**
 * A runner checkpoint as a PyTorch project that continues the run (the page's Export → "Continue in
 * PyTorch (zip)" makes the same files):
 *   npm run export:pytorch -- runs/demo/checkpoint.cpc.zip --out runs/demo/pytorch
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { exportPytorch } from '../src/node/pytorch/exportPytorch';
import { EXPORT_PYTORCH_USAGE, parseExportPytorchArgs } from './lib/exportPytorchArgs';

function main(): void {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) return console.log(EXPORT_PYTORCH_USAGE);
  const { checkpoint, out } = parseExportPytorchArgs(argv);
  const { project, dir } = exportPytorch(checkpoint, out);
  for (const file of project.files) {
    const kib = (statSync(join(dir, file.name)).size / 1024).toFixed(1);
    console.log(`${file.name.padEnd(28)} ${kib.padStart(9)} KiB`);
  }
  console.log(`wrote the PyTorch project of step ${project.step} to ${dir}; see ${join(dir, 'README.md')}`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
