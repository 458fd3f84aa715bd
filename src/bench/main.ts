/**
 * The benchmark page (src/bench/page.html): the real training worker without the playground's UI, driven by
 * scripts/bench through `window.cpcBench`.
 */
import { runInWorker } from './runInWorker';

declare global {
  interface Window {
    cpcBench: { run: typeof runInWorker };
  }
}

window.cpcBench = { run: runInWorker };
document.body.dataset.ready = 'true';
