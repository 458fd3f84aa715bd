/**
 * npm run bench -- ui --mode first-step [--steps 20]
 *   [--cases wasm:default,wasm:tiny,webgpu:tiny,webgpu:default,auto:default] [--hide learned,data]
 *
 * Time to the first step, per backend and config, in headless Chromium on the production build: it
 * listens to the training worker's messages in the page and prints, from the `init` command on, when
 * `ready` came (with warmupMs and the backend reason), when the first Step's metrics came, and the
 * median ms/step of the next `--steps` steps (Start, then Pause). Numbers only; nothing is asserted.
 */
import type { Page } from '@playwright/test';
import { SMALLEST_CONFIG_CHANGE as TINY_CONFIG } from '../../../src/cpc/testing/tinyConfig';
import { waitInPage } from '../../lib/waitInPage';
import type { AppSession } from '../app';
import { openPlayground } from '../uiTraining';
import type { UiValues } from './ui';

const DEFAULT_CASES = 'wasm:tiny,wasm:default,webgpu:tiny,webgpu:default';

/** Records every worker message with its arrival time (strings: tsx helpers do not exist in the page). */
const WORKER_LOG = `(() => {
  window.__workerLog = [];
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...a) {
      super(...a);
      const post = this.postMessage.bind(this);
      this.postMessage = (message, transfer) => {
        if (message && message.type === 'init') window.__workerLog.push({ t: performance.now(), type: 'init-sent' });
        return post(message, transfer);
      };
      this.addEventListener('message', (e) => {
        const d = e.data || {};
        window.__workerLog.push({ t: performance.now(), type: d.type, phase: d.phase, message: d.message,
          warmupMs: d.warmupMs, reason: d.reason, backend: d.backend,
          stepMs: d.rows ? d.rows.map((r) => r.stepMs) : undefined });
      });
    }
  };
})()`;

interface LogEntry {
  t: number;
  type: string;
  phase?: string;
  message?: string;
  warmupMs?: number;
  reason?: string;
  backend?: string;
  stepMs?: number[];
}

export async function firstStepCases(app: AppSession, options: UiValues): Promise<void> {
  const steadySteps = options.steps ?? 20;
  for (const spec of (options.cases ?? DEFAULT_CASES).split(',')) {
    const [backend, configName] = spec.split(':');
    const search = new URLSearchParams({ backend });
    // Panels to hide (`hide=`): the Learned panel's requests run before the first step and compile their own kernels.
    if (options.hide) search.set('hide', options.hide);
    if (configName === 'tiny') search.set('config', JSON.stringify(TINY_CONFIG));
    const page = await openPlayground(app.browser, `${app.origin}/?${search}`, { initScript: WORKER_LOG });
    page.on('console', (m) => m.type() === 'error' && console.error(`console: ${m.text()}`));
    console.log(`${spec}: ${await measure(page, steadySteps)}`);
    await page.close();
  }
}

async function measure(page: Page, steadySteps: number): Promise<string> {
  await page.getByTestId('step').click();
  await page.getByTestId('step-count').filter({ hasText: /^1$/ }).waitFor({ timeout: 600_000 });
  await page.getByTestId('start').click();
  await waitInPage(
    page,
    `Number(document.querySelector('[data-testid="step-count"]').textContent) >= ${steadySteps + 1}`,
    100,
    600_000,
  );
  await page.getByTestId('pause').click();
  await page.locator('[data-testid="status"][data-state="paused"]').waitFor({ timeout: 600_000 });
  const log = (await page.evaluate('window.__workerLog')) as LogEntry[];
  const init = log.find((e) => e.type === 'init-sent')?.t ?? 0;
  const ready = log.find((e) => e.type === 'ready');
  const metrics = log.filter((e) => e.type === 'metrics');
  const phases = log
    .filter((e) => e.type === 'progress')
    .map((e) => `${e.phase}@${Math.round(e.t - init)}`)
    .filter((text, i, all) => all.findIndex((other) => other.split('@')[0] === text.split('@')[0]) === i);
  const stepMs = metrics.flatMap((e) => e.stepMs ?? []);
  const steady = stepMs.slice(1).sort((a, b) => a - b);
  const median = steady[Math.floor(steady.length / 2)] ?? NaN;
  const readyAt = ready?.t ?? 0;
  const firstAt = metrics[0]?.t ?? 0;
  const between = log
    .filter((e) => e.t > readyAt && e.t < firstAt)
    .map((e) => `${e.type}@${Math.round(e.t - init)}`);
  return [
    `between ready and first metrics: ${between.join(' ')}`,
    `ready ${Math.round((ready?.t ?? NaN) - init)} ms (warmupMs ${Math.round(ready?.warmupMs ?? NaN)})`,
    `first metrics ${Math.round((metrics[0]?.t ?? NaN) - init)} ms after init (step 1 ${Math.round(stepMs[0])} ms)`,
    `median ${median.toFixed(1)} ms/step over ${steady.length} (min ${steady[0]?.toFixed(1)}, max ${steady.at(-1)?.toFixed(1)})`,
    `phases ${phases.join(' ')}`,
    `backend ${ready?.backend}: ${ready?.reason}`,
  ].join('\n  ');
}
