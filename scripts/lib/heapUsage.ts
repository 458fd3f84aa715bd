/**
 * V8 heap sizes of the page and of a dedicated worker, read through the Chrome DevTools Protocol after a
 * full garbage collection, so they measure what is retained rather than when the collector last ran.
 * `performance.memory` exists on the main thread only; a worker's heap is read by attaching to its
 * target from a browser-level session (Playwright opens CDP sessions on pages and frames, not workers).
 */
import type { Browser, CDPSession, Page } from '@playwright/test';

export interface HeapUsage {
  /** Live JS objects. */
  usedBytes: number;
  /** ArrayBuffer backing stores outside the JS heap (a WASM module's memory among them). */
  backingBytes: number;
  /** The embedder's (Blink's) garbage-collected heap: DOM nodes and the like, on the page. */
  embedderBytes: number;
}

interface RawHeapUsage {
  usedSize: number;
  backingStorageSize?: number;
  embedderHeapUsedSize?: number;
}

const REPLY_TIMEOUT_MS = 60_000;

export async function pageHeapUsage(page: Page): Promise<HeapUsage> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    return toHeapUsage((await cdp.send('Runtime.getHeapUsage')) as RawHeapUsage);
  } finally {
    await cdp.detach();
  }
}

/**
 * The heap of the first worker whose script URL contains `urlPart`, or null when there is none (between
 * a crash and its restart). Attaches anew each time, so a restarted worker is found too.
 */
export async function workerHeapUsage(browser: Browser, urlPart: string): Promise<HeapUsage | null> {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'worker' && t.url.includes(urlPart));
    if (!target) return null;
    // Not flattened: the replies come back as events on this session, which Playwright lets us read.
    const { sessionId } = await cdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    });
    const inTarget = messenger(cdp, sessionId);
    await inTarget('HeapProfiler.collectGarbage');
    const usage = toHeapUsage((await inTarget('Runtime.getHeapUsage')) as RawHeapUsage);
    await cdp.send('Target.detachFromTarget', { sessionId });
    return usage;
  } finally {
    await cdp.detach();
  }
}

/** Sends a command into an attached (non-flattened) target and resolves with its result. */
function messenger(cdp: CDPSession, sessionId: string): (method: string) => Promise<unknown> {
  let nextId = 1;
  const waiting = new Map<number, (reply: { result?: unknown; error?: { message: string } }) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const reply = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply);
  });
  return (method) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(
        () => reject(new Error(`${method}: no reply from the worker`)),
        REPLY_TIMEOUT_MS,
      );
      waiting.set(id, (reply) => {
        clearTimeout(timer);
        waiting.delete(id);
        if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
        else resolve(reply.result);
      });
      void cdp
        .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) })
        .catch(reject);
    });
}

function toHeapUsage(raw: RawHeapUsage): HeapUsage {
  return {
    usedBytes: raw.usedSize,
    backingBytes: raw.backingStorageSize ?? 0,
    embedderBytes: raw.embedderHeapUsedSize ?? 0,
  };
}
