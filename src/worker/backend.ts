/**
 * Picks and starts the tfjs backend inside the worker. `auto` times the candidates on the run's config
 * (backendProbe.ts) and takes the fastest; software GPUs are not timed: on SwiftShader a default-config
 * step took 4.3 s on WebGPU and 36 s on WebGL against 0.2 s on WASM (headless Chromium, 2 cores), and
 * their first step compiles for far longer than the probe's budget. Without a timer `auto` walks
 * webgpu → webgl → wasm → cpu, skipping software GPUs. An explicit choice is honoured even on a software
 * GPU; if it cannot start, the same walk continues from there and the reason says why.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import {
  getThreadsCount,
  setThreadsCount,
  setWasmPaths,
  type BackendWasm,
} from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { backendUp } from './backendUp';
import { probeBackends, type ProbeCandidate, type StepTimer } from './backendProbe';
import { probeGpu, shortName, type GpuProbe } from './gpuInfo';
import type {
  BackendChoice,
  BackendName,
  BackendSelection,
  GpuAvailability,
  GpuBackendName,
} from './protocol';
import { installChunkedAddN } from './webgpuAddN';
import { verifyOwnKernels } from './webgpuOwnKernels';
import { endIdlePthreads, wasmThreadsFor, withReportedCores, type PthreadPool } from './wasmThreads';
import { installWasmKernels } from '../cpc/ops/wasmKernels';
import { installWebGpuColumns } from '../cpc/ops/webgpu/columnsKernels';
import { installWebGpuFlatKernels } from '../cpc/ops/webgpu/flatKernels';
import { installWebGpuMatMul } from '../cpc/ops/webgpu/matMulKernel';
import { installWebGpuLayerNorm } from '../cpc/ops/webgpu/layerNormKernels';

installChunkedAddN();
installWebGpuColumns();
installWebGpuMatMul();
installWebGpuFlatKernels();
installWebGpuLayerNorm();
installWasmKernels();

// Vite bundles the binaries next to the app; without this the backend would fetch them from a CDN.
// It must run before the wasm backend first initialises.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
});
// Where the page is cross-origin isolated, tfjs picks its threaded build: XNNPACK's convolutions and
// matrix products then run on WASM_THREADS threads (wasmThreads.ts). Its pthreads start from the
// factory's source, which the bundle keeps intact (scripts/lib/wasmThreadedFactory.ts).
const WASM_THREADS = wasmThreadsFor(navigator.hardwareConcurrency);
setThreadsCount(WASM_THREADS);
/** Why the threaded build did not start, when it did not (the single-threaded one runs instead). */
let wasmThreadsFailure: string | null = null;

/** A backend that has not initialised by then is treated as failed (a broken init can hang forever). */
const ACTIVATION_TIMEOUT_MS = 30_000;
/**
 * The threaded wasm build starts in about a second here; one whose pthreads never load hangs, and the
 * single-threaded build is tried after this long.
 */
const THREADED_WASM_TIMEOUT_MS = 15_000;

const AUTO_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/**
 * @param onGpuError called with WebGPU's uncaptured errors. tfjs installs no handler, and a failed
 *   validation silently drops a whole command buffer, so training would go on with wrong numbers.
 * @param timeStep given with `auto`: the candidates are timed on the config (backendProbe.ts) and the
 *   fastest is chosen; without it, or when none could be timed, `auto` walks AUTO_ORDER.
 */
export async function initBackend(
  choice: BackendChoice,
  onGpuError: (message: string) => void,
  timeStep?: StepTimer,
): Promise<BackendSelection> {
  let probeNotes: string | null = null;
  let gpus: GpuAvailability | undefined;
  if (choice === 'auto' && timeStep) {
    const probe = await chooseByMeasurement(timeStep, onGpuError);
    gpus = probe.gpus;
    if ('backend' in probe) return probe;
    probeNotes = `no candidate was timed within the budget, so by order (${probe.notes})`;
  }
  const candidates =
    choice === 'auto' ? AUTO_ORDER : [choice, ...AUTO_ORDER.filter((name) => name !== choice)];
  const skipped: string[] = [];
  for (const name of candidates) {
    const requested = name === choice;
    try {
      const gpu = await probeGpu(name);
      if (gpu?.software && !requested) {
        skipped.push(`${name} skipped: software GPU (${gpu.device}), far slower than wasm`);
        continue;
      }
      await start(name, onGpuError);
      const detail = await describe(name, gpu);
      const prefix = choice === 'auto' ? 'auto' : requested ? 'requested' : `fallback from ${choice}`;
      const why = probeNotes === null ? skipped : [probeNotes];
      return { backend: name, reason: [`${prefix}: ${detail}`, ...why].join('; '), ...(gpus && { gpus }) };
    } catch (err) {
      skipped.push(`${name} failed: ${errorText(err)}`);
    }
  }
  throw new Error(`No tfjs backend could start (${skipped.join('; ')}).`);
}

/**
 * Times wasm first (a GPU compilation abandoned at its deadline goes on in the background and would
 * slow whatever is timed after it), then the hardware GPUs. Only the notes when none could be timed.
 */
async function chooseByMeasurement(
  timeStep: StepTimer,
  onGpuError: (message: string) => void,
): Promise<(BackendSelection & { gpus: GpuAvailability }) | { notes: string; gpus: GpuAvailability }> {
  const [webgpu, webgl] = await Promise.all((['webgpu', 'webgl'] as const).map(gpuCandidate));
  const gpus = { webgpu: webgpu.probe, webgl: webgl.probe };
  const candidates: ProbeCandidate[] = [
    { name: 'wasm' },
    webgpu.candidate,
    webgl.candidate,
    { name: 'cpu', skip: 'not timed: plain JavaScript, over 10× slower than wasm' },
  ];
  const { winner, outcomes } = await probeBackends(candidates, {
    start: (name) => start(name, onGpuError),
    time: timeStep,
    now: () => performance.now(),
  });
  const notes = outcomes.map((outcome) => outcome.note).join('; ');
  if (winner === null) return { notes, gpus };
  const gpu = winner === 'webgpu' || winner === 'webgl' ? gpus[winner] : null;
  await start(winner, onGpuError);
  const detail = await describe(winner, gpu);
  return { backend: winner, reason: `auto: ${detail}, fastest on this config (${notes})`, gpus };
}

/** The probe's candidate for a GPU backend, and what the browser said about it (null: unavailable). */
async function gpuCandidate(
  name: GpuBackendName,
): Promise<{ candidate: ProbeCandidate; probe: GpuProbe | null }> {
  try {
    const gpu = await probeGpu(name);
    if (!gpu?.software) return { candidate: { name }, probe: gpu };
    const skip = `not timed: software GPU (${shortName(gpu.device)}), its first step compiles for seconds`;
    return { candidate: { name, skip }, probe: gpu };
  } catch (err) {
    return { candidate: { name, skip: `unavailable: ${errorText(err)}` }, probe: null };
  }
}

/** A candidate that started (GPU backends only). */
export type GpuSelection = BackendSelection & { backend: GpuBackendName };

/**
 * For a worker that only times a candidate (backendMove.ts): starts the first of `candidates` that runs on
 * a hardware GPU (any GPU with `softwareGpuCounts`, a test-only switch). Never falls back to a CPU
 * backend: the run is already on one. `skipped` says why none started.
 */
export async function startCandidate(
  candidates: readonly GpuBackendName[],
  softwareGpuCounts: boolean,
  onGpuError: (message: string) => void,
): Promise<GpuSelection | { skipped: string }> {
  const notes: string[] = [];
  for (const name of candidates) {
    try {
      const gpu = await probeGpu(name);
      if (gpu?.software && !softwareGpuCounts) {
        notes.push(`${name}: software GPU (${shortName(gpu.device)})`);
        continue;
      }
      await start(name, onGpuError);
      return { backend: name, reason: await describe(name, gpu) };
    } catch (err) {
      notes.push(`${name} failed: ${errorText(err)}`);
    }
  }
  return { skipped: notes.join('; ') || 'no GPU backend to try' };
}

async function start(name: BackendName, onGpuError: (message: string) => void): Promise<void> {
  await activate(name);
  if (name !== 'webgpu') return;
  const { device } = tf.backend() as WebGPUBackend;
  watchDevice(device, onGpuError);
  await verifyOwnKernels(device);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * After a lost device or a GPU error: the lost backend again on a fresh device (its tfjs instance is
 * dropped and its factory, which requests a new device, registered anew), else the next one in the walk.
 * The caller disposes its tensors on the lost backend first.
 */
export async function recoverBackend(
  lost: BackendName,
  onGpuError: (message: string) => void,
): Promise<BackendSelection> {
  const factory = tf.findBackendFactory(lost);
  if (factory && (lost === 'webgpu' || lost === 'webgl')) {
    const device =
      lost === 'webgpu' && backendUp(lost) ? (tf.findBackend(lost) as WebGPUBackend).device : undefined;
    if (device) retiredDevices.add(device);
    tf.removeBackend(lost);
    device?.destroy();
    tf.registerBackend(lost, factory, BACKEND_PRIORITY[lost]);
  }
  return initBackend(lost, onGpuError);
}

/** Test hook: destroys the WebGPU device under tfjs, which its `lost` watcher reports like a real loss. */
export function loseGpuDevice(): boolean {
  if (tf.getBackend() !== 'webgpu') return false;
  (tf.backend() as WebGPUBackend).device.destroy();
  return true;
}

/** Devices this module destroyed itself, whose `lost` promise is no news. */
const retiredDevices = new WeakSet<GPUDevice>();

/** The priorities tfjs registers these backends with. */
const BACKEND_PRIORITY: Record<'webgpu' | 'webgl', number> = { webgpu: 3, webgl: 2 };

async function activate(name: BackendName): Promise<void> {
  if (name === 'wasm') return activateWasm();
  return setBackendWithin(name, ACTIVATION_TIMEOUT_MS);
}

/**
 * wasm, threaded where tfjs finds threads supported; if the threaded build does not start, the
 * single-threaded one (the reason shows in the backend's description).
 */
async function activateWasm(): Promise<void> {
  if (backendUp('wasm') || !(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')))
    return setBackendWithin('wasm', ACTIVATION_TIMEOUT_MS);
  try {
    await withReportedCores(navigator, WASM_THREADS, () =>
      setBackendWithin('wasm', THREADED_WASM_TIMEOUT_MS),
    );
    endIdlePthreads((tf.backend() as BackendWasm).wasm as unknown as PthreadPool);
  } catch (err) {
    wasmThreadsFailure = errorText(err);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    const factory = tf.findBackendFactory('wasm');
    tf.removeBackend('wasm');
    tf.registerBackend('wasm', factory, WASM_PRIORITY);
    await setBackendWithin('wasm', ACTIVATION_TIMEOUT_MS);
  }
}

/** The priority tfjs-backend-wasm registers itself with. */
const WASM_PRIORITY = 2;

async function setBackendWithin(name: BackendName, timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    // setBackend resolves false (it does not throw) when the backend fails to initialise.
    const started = await Promise.race([tf.setBackend(name), timeout]);
    if (!started) throw new Error(`tf.setBackend('${name}') returned false`);
  } finally {
    clearTimeout(timer);
  }
}

function watchDevice(device: GPUDevice, onGpuError: (message: string) => void): void {
  // A property, not addEventListener: a re-init on the same device replaces the handler.
  device.onuncapturederror = (event) => onGpuError(event.error.message);
  void device.lost.then((info) => {
    if (!retiredDevices.has(device))
      onGpuError(`The WebGPU device was lost (${info.reason}): ${info.message}`);
  });
}

async function describe(name: BackendName, gpu: GpuProbe | null): Promise<string> {
  if (gpu) {
    const software = gpu.software ? ' (software GPU: expect it to be slower than wasm)' : '';
    const kernels =
      name === 'webgpu' ? `, ${await verifyOwnKernels((tf.backend() as WebGPUBackend).device)}` : '';
    return `${name} on ${gpu.device}${software}${kernels}`;
  }
  if (name === 'wasm') {
    const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) ? 'SIMD' : 'no SIMD';
    const threads = getThreadsCount();
    const failed = wasmThreadsFailure === null ? '' : `; threads did not start: ${wasmThreadsFailure}`;
    return `wasm (${simd}, ${threads} thread${threads === 1 ? '' : 's'}${failed})`;
  }
  return 'cpu (plain JavaScript, slowest)';
}
