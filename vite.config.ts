import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Cross-origin isolation lets the WASM backend use threads (SharedArrayBuffer).
// Deployments must send the same two headers; see docs/user-guide.md, "Deploying".
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // bench.html: the training worker without the UI, for `npm run bench` (scripts/bench).
    rolldownOptions: { input: { main: 'index.html', bench: 'bench.html' } },
  },
});
