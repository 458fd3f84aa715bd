import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './scripts/lib/contentSecurityPolicy.ts';
import { wasmThreadedFactory } from './scripts/lib/wasmThreadedFactory.ts';

// Cross-origin isolation lets the WASM backend use threads (SharedArrayBuffer).
// Deployments must send the same two headers; see docs/user-guide.md, "Deploying".
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// No network beyond the page's origin (scripts/lib/contentSecurityPolicy.ts). Dev allows the React
// plugin's fast-refresh preamble, the one inline script it writes into the page, by its hash.
const BUILD_POLICY = contentSecurityPolicy('build');
const DEV_POLICY = contentSecurityPolicy('dev', [react.preambleCode.replace('__BASE__', '/')]);

/** Writes the policy into every HTML page as its first tag: static hosting keeps it without headers. */
function policyMetaTag(): Plugin {
  return {
    name: 'cpc:content-security-policy',
    transformIndexHtml: (_html, context) => [
      {
        tag: 'meta',
        attrs: {
          'http-equiv': 'Content-Security-Policy',
          content: context.server ? DEV_POLICY : BUILD_POLICY,
        },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  plugins: [react(), policyMetaTag()],
  // The training worker bundles tfjs-wasm, whose threaded build needs its factory's source intact.
  worker: { format: 'es', plugins: () => [wasmThreadedFactory()] },
  server: { headers: { ...isolationHeaders, 'Content-Security-Policy': DEV_POLICY } },
  preview: { headers: { ...isolationHeaders, 'Content-Security-Policy': BUILD_POLICY } },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // src/bench/page.html: the training worker without the UI, for `npm run bench` (scripts/bench).
    rolldownOptions: { input: { main: 'index.html', bench: 'src/bench/page.html' } },
  },
});
