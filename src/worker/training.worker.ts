/**
 * The training worker: the message switch lives in TrainingSession; this file wires it to postMessage
 * and makes sure no error leaves the worker unreported. (`self` is typed as a Window here because the
 * project compiles against the DOM lib; the calls used exist on both.)
 */
import { initBackend, loseGpuDevice, recoverBackend, startCandidate } from './backend';
import { browserLocks, holdLivenessLock, livenessLockName } from './liveness';
import type { WorkerCommand, WorkerEvent } from './protocol';
import { TrainingSession } from './trainingSession';

const session = new TrainingSession({
  post: (event: WorkerEvent, transfer: Transferable[] = []) => self.postMessage(event, { transfer }),
  initBackend,
  recoverBackend,
  startCandidate,
  loseDevice: loseGpuDevice,
  closeWorker: () => self.close(),
  // A user who presses Start or Step at once does not wait for the baselines (they come on pause).
  readyProbeDelayMs: 2000,
});

// Before anything else, so that the page can tell from then on whether this worker is still there.
const locks = browserLocks();
if (locks)
  holdLivenessLock(locks, livenessLockName(), (lock) => self.postMessage({ type: 'liveness-lock', lock }));

self.onmessage = (message: MessageEvent<WorkerCommand>) => void session.handle(message.data);
self.onmessageerror = () => session.report(new Error('A command could not be deserialised.'));
self.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  session.report(event.reason);
});
self.addEventListener('error', (event) => {
  event.preventDefault();
  session.report(event.error ?? new Error(event.message));
});
