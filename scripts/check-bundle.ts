/**
 * Fails when the page's main thread would load tfjs: training runs in the worker, so the chunks that
 * index.html loads (and the chunks they import) must not carry it. Run after `vite build`:
 *
 *   npx tsx scripts/check-bundle.ts [dist]
 *
 * The lint fences in eslint.config.js stop the imports that would do this; this check is the backstop for
 * what lint cannot see (a new dependency that bundles tfjs, a re-export, a Vite setting).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// tfjs registers its environment flags by name, so these strings survive minification; one per package.
const TFJS_MARKERS: Record<string, string> = {
  '@tensorflow/tfjs-core': 'KEEP_INTERMEDIATE_TENSORS',
  '@tensorflow/tfjs-backend-webgl': 'WEBGL_PACK',
  '@tensorflow/tfjs-backend-wasm': 'WASM_HAS_SIMD_SUPPORT',
  '@tensorflow/tfjs-backend-webgpu': 'WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE',
};

/** The scripts index.html loads or preloads, as paths under dist. */
function entryChunks(dist: string): string[] {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
  const urls = tags
    .filter((tag) => tag.startsWith('<script') || /rel="modulepreload"/.test(tag))
    .map((tag) => /(?:src|href)="([^"]+\.js)"/.exec(tag)?.[1])
    .filter((url): url is string => url !== undefined);
  return urls.map((url) => path.join(dist, url));
}

/** The entry chunks and every chunk they import, statically or lazily: all of it runs on the main thread. */
function mainThreadChunks(dist: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    // Lazy imports come out as import(`./chunk.js`), with backticks.
    for (const match of code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)) {
      visit(path.resolve(path.dirname(file), match[1]));
    }
  };
  entryChunks(dist).forEach(visit);
  return [...seen];
}

function markersIn(code: string): string[] {
  return Object.entries(TFJS_MARKERS)
    .filter(([, marker]) => code.includes(marker))
    .map(([pkg]) => pkg);
}

function main(): void {
  const dist = path.resolve(process.argv[2] ?? 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`No ${path.join(dist, 'index.html')}: run \`npm run build\` first.`);
  }
  // The worker's chunk carries all of tfjs: a marker found in no file at all is stale, not a clean bundle.
  const built = readdirSync(path.join(dist, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => readFileSync(path.join(dist, 'assets', name), 'utf8'));
  const stale = Object.keys(TFJS_MARKERS).filter(
    (pkg) => !built.some((code) => markersIn(code).includes(pkg)),
  );
  if (stale.length > 0)
    throw new Error(`No chunk has the marker of ${stale.join(', ')}: update TFJS_MARKERS.`);

  const chunks = mainThreadChunks(dist);
  console.log(`Main-thread chunks of ${path.relative(process.cwd(), dist) || '.'}:`);
  let leaks = 0;
  for (const chunk of chunks) {
    const found = markersIn(readFileSync(chunk, 'utf8'));
    const kb = (statSync(chunk).size / 1024).toFixed(1);
    console.log(
      `${path.relative(dist, chunk)}  ${kb} KiB${found.length ? `  tfjs: ${found.join(', ')}` : ''}`,
    );
    leaks += found.length;
  }
  if (leaks > 0) {
    console.error('The main thread loads tfjs: find the import with `npm run lint` (the src/ui fence).');
    process.exit(1);
  }
}

main();
