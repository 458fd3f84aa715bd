import { loadavg } from 'node:os';
import type { Browser, Page } from '@playwright/test';
import { rendererBytes, rendererCpuSeconds } from '../bench/rendererMemory';
import { pageHeapUsage, workerHeapUsage } from '../lib/heapUsage';

const WORKER_SCRIPT = 'training.worker';

/** One look at the page, its worker and the machine, every `--every` steps of a soak. */
export interface SoakSample {
  step: number;
  /** Since Start was pressed. */
  seconds: number;
  tensors: number;
  workerHeap: number;
  workerBuffers: number;
  pageHeap: number;
  /** Blink's heap on the page (DOM nodes, styles), and the nodes in the document. */
  pageDom: number;
  domNodes: number;
  /** navigator.storage.estimate() usage: IndexedDB's files for this origin. */
  storage: number;
  savedRuns: number;
  /** Step of the newest saved run: autosave keeping up. */
  savedStep: number;
  /** Since the previous sample; null for the first. */
  stepsPerSecond: number | null;
  cpuMsPerStep: number | null;
  rendererRss: number | null;
  /** The machine's 1-minute load average, to read steps/s against. */
  load: number;
  /** Renderer CPU seconds so far (for the next sample's CPU ms/step). */
  cpuSeconds: number | null;
}

export function readProgress(page: Page): Promise<{ step: number; state: string | undefined }> {
  return page.evaluate(`({
    step: Number(document.querySelector('[data-testid="step-count"]').textContent),
    state: document.querySelector('[data-testid="status"]').dataset.state,
  })`);
}

/** `previous`: the sample before, for the rates since (steps/s, CPU ms per step). */
export async function sampleOnce(
  browser: Browser,
  page: Page,
  startedAt: number,
  previous: SoakSample | null,
): Promise<SoakSample> {
  const at = Date.now();
  const step = Number(await page.getByTestId('step-count').textContent());
  const cpuSeconds = rendererCpuSeconds();
  const tensorsText = (await page.getByTestId('tensors').textContent()) ?? '';
  const worker = await workerHeapUsage(browser, WORKER_SCRIPT);
  if (!worker) throw new Error('the training worker is gone');
  const pageHeap = await pageHeapUsage(page);
  const stored = await storedRuns(page);
  const sinceSteps = previous ? step - previous.step : 0;
  return {
    step,
    seconds: (at - startedAt) / 1000,
    // Before the first step the page shows '–': the worker then holds only its model's variables.
    tensors: /^\d+/.test(tensorsText) ? Number(/^\d+/.exec(tensorsText)?.[0]) : NaN,
    workerHeap: worker.usedBytes,
    workerBuffers: worker.backingBytes,
    pageHeap: pageHeap.usedBytes,
    pageDom: pageHeap.embedderBytes,
    domNodes: await page.evaluate<number>(`document.getElementsByTagName('*').length`),
    ...stored,
    stepsPerSecond:
      previous && sinceSteps > 0 ? sinceSteps / ((at - startedAt) / 1000 - previous.seconds) : null,
    cpuMsPerStep:
      previous && sinceSteps > 0 && cpuSeconds !== null && previous.cpuSeconds !== null
        ? ((cpuSeconds - previous.cpuSeconds) * 1000) / sinceSteps
        : null,
    rendererRss: rendererBytes(),
    load: loadavg()[0],
    cpuSeconds,
  };
}

/**
 * The origin's storage usage and the runs in the page's store. The database is opened only once the
 * page has created it: opening it first would create it without its object stores.
 */
function storedRuns(page: Page): Promise<{ storage: number; savedRuns: number; savedStep: number }> {
  return page.evaluate(`(async () => {
    const { usage } = await navigator.storage.estimate();
    const names = (await indexedDB.databases()).map((d) => d.name);
    if (!names.includes('cpc-playground-runs')) return { storage: usage, savedRuns: 0, savedStep: 0 };
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('cpc-playground-runs');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const runs = await new Promise((resolve, reject) => {
      const request = db.transaction('summaries').objectStore('summaries').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return { storage: usage, savedRuns: runs.length, savedStep: Math.max(0, ...runs.map((r) => r.step)) };
  })()`);
}
