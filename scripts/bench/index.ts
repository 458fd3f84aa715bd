/**
 * npm run bench -- [mode] [options]: every measurement of the app, one mode each (scripts/bench/modes.ts).
 * Without a mode it runs `step`, the performance harness. `npm run bench -- --help` lists the modes.
 */
import { modesOverview, pickMode } from './modes';

async function main(argv: string[]): Promise<number> {
  const { mode, argv: modeArgv } = pickMode(argv);
  const module = await mode.load();
  if (modeArgv.includes('--help')) {
    const named = argv[0] === mode.name;
    console.log(named ? module.USAGE : `${modesOverview()}\n\n${module.USAGE}`);
    return 0;
  }
  try {
    return (await module.run(modeArgv)) ?? Number(process.exitCode ?? 0);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(`(npm run bench -- ${mode.name} --help lists the options)`);
    return 2;
  }
}

const code = await main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  return 2;
});
// Exit explicitly: Dawn (the gpu mode) keeps Node alive while its GPU object is referenced.
process.exit(code);
