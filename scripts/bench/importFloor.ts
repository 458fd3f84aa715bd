/**
 * The browser's own cost of an import, with no app code: the same folder read and decoded by bare
 * workers, as many as the app starts, the way its decode workers do it (eight files a batch, a batch of
 * small files read in one request, a large file read whole while the one before it decodes; ImageDecoder
 * at the app's reduced scale, the frame copied out), and nothing else: no checks, no resize, no set.
 * Two passes, each from the folder input's listing: reading alone, then reading and decoding. Their CPU
 * (every Chromium thread, from /proc) is what an import cannot go under in this browser on this machine;
 * the app's import of the same folder, measured beside it with `--threads`, shows what the app adds.
 */
import type { BrowserContext } from '@playwright/test';
import { reducedDecodeSize } from '../../src/datasets/resize';
import { MAX_DECODE_WORKERS } from '../../src/datasets/browser/importImages';
import { STREAMED_READ_BYTES } from '../../src/datasets/browser/reusedReads';
import { FIT_DECODE } from '../../src/ui/data/fitImport';
import { describeThreadCpu, sampleThreadCpu, type ThreadGroup } from './threadCpu';

export interface FloorPass {
  seconds: number;
  /** CPU seconds of all Chromium threads over the pass; null off Linux. */
  cpuSeconds: number | null;
  /** That CPU by thread group (./threadCpu.ts); null off Linux. */
  threadCpu: ThreadGroup[] | null;
}

export interface ImportFloor {
  files: number;
  workers: number;
  read: FloorPass;
  readAndDecode: FloorPass;
  /** Files the bare decode could not decode (the app would report them): 0 for the bench's JPEGs. */
  undecoded: number;
}

/** One bare decode worker: `decode` false reads only. Plain JS, so that no bundler touches it. */
const WORKER = `
onmessage = async ({ data: { batches, decode, width, height, streamFrom } }) => {
  const frame = new Uint8Array(4 << 20);
  const size = width ? { desiredWidth: width, desiredHeight: height } : {};
  let undecoded = 0;
  // A batch of small files in one request, each file a view of it: readTogether of
  // src/datasets/browser/groupedReads.ts, written out, since this worker is a string with no imports.
  const readTogether = (files) => {
    const all = new Blob(files).arrayBuffer();
    let offset = 0;
    return files.map((f) => {
      const start = offset;
      offset += f.size;
      return all.then((b) => new Uint8Array(b, start, f.size));
    });
  };
  for (const files of batches) {
    const grouped = files.length > 1 && files.every((f) => f.size < streamFrom);
    const reads = grouped ? readTogether(files) : [];
    // A large file is read while the one before it decodes, as the app's workers do.
    let next = grouped ? null : files[0] && files[0].arrayBuffer();
    for (let i = 0; i < files.length; i++) {
      let bytes;
      if (grouped) bytes = await reads[i];
      else {
        bytes = new Uint8Array(await next);
        next = files[i + 1] && files[i + 1].arrayBuffer();
      }
      if (!decode) continue;
      try {
        const decoder = new ImageDecoder({ data: bytes, type: 'image/jpeg', ...size });
        const image = (await decoder.decode()).image;
        decoder.close();
        const length = image.allocationSize();
        await image.copyTo(length > frame.length ? new Uint8Array(length) : frame.subarray(0, length));
        image.close();
      } catch {
        undecoded++;
      }
    }
  }
  postMessage(undecoded);
};`;

/** Hands `dir`'s files, through a folder input on a blank page of `origin`, to bare workers, twice. */
export async function measureImportFloor(
  context: BrowserContext,
  origin: string,
  dir: string,
  imageWidth: number,
  imageHeight: number,
): Promise<ImportFloor> {
  const page = await context.newPage();
  try {
    const url = `${origin}/__import-floor.html`;
    await page.route(url, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<input type="file" webkitdirectory id="folder">' }),
    );
    await page.goto(url);
    const target = reducedDecodeSize(imageWidth, imageHeight, FIT_DECODE.size);
    const pass = async (decode: boolean) => {
      const cpu = sampleThreadCpu();
      const started = Date.now();
      // Listed by the folder input again each pass, as an import's time and CPU include it.
      await page.locator('#folder').setInputFiles(dir);
      const result = await page.evaluate(runPass, {
        worker: WORKER,
        decode,
        width: target?.width ?? 0,
        height: target?.height ?? 0,
        streamFrom: STREAMED_READ_BYTES,
        maxWorkers: MAX_DECODE_WORKERS,
      });
      const seconds = (Date.now() - started) / 1000;
      const groups = cpu.stop();
      const cpuSeconds = groups && groups.reduce((sum, g) => sum + g.seconds, 0);
      return { ...result, pass: { seconds, cpuSeconds, threadCpu: groups } };
    };
    const read = await pass(false);
    const both = await pass(true);
    return {
      files: both.files,
      workers: both.workers,
      read: read.pass,
      readAndDecode: both.pass,
      undecoded: both.undecoded,
    };
  } finally {
    await page.close();
  }
}

/**
 * In the page: the input's files in batches of eight, dealt to the workers in turn up front (the app hands
 * the next batch to whichever worker answers; for files alike, as the bench's are, that is the same split).
 */
async function runPass(args: {
  worker: string;
  decode: boolean;
  width: number;
  height: number;
  streamFrom: number;
  maxWorkers: number;
}): Promise<{ files: number; workers: number; undecoded: number }> {
  const files = Array.from((document.getElementById('folder') as HTMLInputElement).files ?? []);
  // As many as the app starts (defaultWorkers in src/datasets/browser/importImages.ts).
  const count = Math.max(1, Math.min(args.maxWorkers, navigator.hardwareConcurrency || 2));
  const batches: File[][][] = Array.from({ length: count }, () => []);
  for (let i = 0; i * 8 < files.length; i++) batches[i % count].push(files.slice(i * 8, i * 8 + 8));
  const url = URL.createObjectURL(new Blob([args.worker], { type: 'text/javascript' }));
  const undecoded = await Promise.all(
    batches.map(
      (mine) =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(url);
          worker.onmessage = (event: MessageEvent<number>) => {
            worker.terminate();
            resolve(event.data);
          };
          worker.onerror = (event) => reject(new Error(event.message));
          const { decode, width, height, streamFrom } = args;
          worker.postMessage({ batches: mine, decode, width, height, streamFrom });
        }),
    ),
  );
  URL.revokeObjectURL(url);
  return { files: files.length, workers: count, undecoded: undecoded.reduce((a, b) => a + b, 0) };
}

export function describeFloor(floor: ImportFloor): string {
  const perFile = (pass: FloorPass) =>
    pass.cpuSeconds === null ? '' : `, CPU ${((pass.cpuSeconds * 1000) / floor.files).toFixed(2)} ms a file`;
  return (
    `floor (bare workers ×${floor.workers}, no app code): ${floor.files} files read in ` +
    `${floor.read.seconds.toFixed(1)} s${perFile(floor.read)}; read and decoded in ` +
    `${floor.readAndDecode.seconds.toFixed(1)} s${perFile(floor.readAndDecode)}` +
    (floor.undecoded > 0 ? ` (${floor.undecoded} not decoded)` : '') +
    (floor.readAndDecode.threadCpu ? `; ${describeThreadCpu(floor.readAndDecode.threadCpu)}` : '')
  );
}
