/**
 * Headless CPC training in Node with the same core as the playground.
 *   npm run train -- --data synthetic --steps 400 --out runs/synthetic
 */
import { runHeadless } from '../src/node/headlessRun';
import { parseTrainArgs } from '../src/node/trainArgs';

async function main(): Promise<void> {
  const args = parseTrainArgs(process.argv.slice(2));
  const report = await runHeadless(args, (line) => console.log(line));
  console.log(JSON.stringify(report));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
