import { createHash } from 'node:crypto';

/**
 * The page's Content-Security-Policy: it loads and talks to its own origin only, so images dropped on it
 * can never be sent anywhere, whatever a dependency or an injected string tries. vite.config.ts sends it
 * as a header from the dev and preview servers and writes it into every built HTML page as a <meta> tag,
 * so static hosting keeps it.
 *
 * Each source, and why nothing wider:
 * - `script-src 'self' 'wasm-unsafe-eval' blob:`: the bundle's own scripts; compiling WebAssembly (the
 *   tfjs wasm backend, in the training worker) needs 'wasm-unsafe-eval', which allows no JavaScript eval.
 *   blob: is for tfjs-wasm's threads: each pthread is a worker that loads the backend's factory with
 *   importScripts from a Blob the training worker made (scripts/lib/wasmThreadedFactory.ts). Only the
 *   page's own code can make a blob: URL of its origin.
 * - `worker-src 'self' blob:`: the training, decode and archive workers are same-origin scripts; blob:
 *   is for tfjs-wasm's pthread workers, which start from generated code.
 * - `connect-src 'self'`: the built-in data sets and the wasm binaries are fetched from the page's
 *   origin. WebGPU and WebGL need no network source.
 * - `img-src 'self' blob: data:`: thumbnails and chart PNGs are drawn into blob: and data: URLs.
 * - `style-src 'self'`: the bundle's stylesheet; React sets element styles through the CSSOM, which
 *   CSP does not restrict.
 * - `object-src 'none'`, `base-uri 'self'`, `form-action 'self'`: no plugins, no <base> or form that
 *   could send elsewhere.
 *
 * Dev (`vite`) needs a little more, and only there: Vite injects each CSS module as a <style> element
 * (style-src 'unsafe-inline'), and the React plugin adds one inline module script, the fast-refresh
 * preamble, allowed by its hash rather than by 'unsafe-inline'. The HMR websocket goes to the page's own
 * host and port, which 'self' covers.
 *
 * A <meta> policy cannot set `frame-ancestors` (or reporting), and it does not reach workers, whose
 * policy comes with their own script's response: hosts should send the header too (docs/user-guide.md,
 * "Deploying").
 */
export type PolicyMode = 'build' | 'dev';

export function contentSecurityPolicy(mode: PolicyMode, devInlineScripts: readonly string[] = []): string {
  const dev = mode === 'dev';
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': [
      "'self'",
      "'wasm-unsafe-eval'",
      'blob:',
      ...(dev ? devInlineScripts.map(sha256Source) : []),
    ],
    'worker-src': ["'self'", 'blob:'],
    'connect-src': ["'self'"],
    'img-src': ["'self'", 'blob:', 'data:'],
    'style-src': ["'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The CSP source that allows exactly this inline script text. */
function sha256Source(script: string): string {
  return `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
}
