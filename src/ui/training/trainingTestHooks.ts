import type { ClientEvent, TrainingClient } from '../../worker/client';
import type { WorkerCommand } from '../../worker/protocol';

/** `?testHooks` in the URL: the page exposes `window.cpcTestHooks` for e2e tests, and only then. */
export function testHooksWanted(search: string = location.search): boolean {
  return new URLSearchParams(search).has('testHooks');
}

/**
 * For e2e tests only: pokes the worker in ways no control on the page does. Each hook breaks something the
 * way the browser or the machine would, so the tests see the page's own handling of it.
 */
export function exposeTrainingTestHooks(client: TrainingClient): void {
  // Every step's row as the page received it, whichever worker trained it.
  const rows: { step: number; loss: number }[] = [];
  const record = (event: Extract<ClientEvent, { type: 'metrics' }>) =>
    rows.push(...event.rows.map(({ step, loss }) => ({ step, loss })));
  client.on('metrics', record);
  const failNextSave = poisonNextSave(client);
  (window as Window & { cpcTestHooks?: object }).cpcTestHooks = {
    loseDevice: () => client.send({ type: 'simulate-device-loss' }),
    killWorker: () => client.send({ type: 'simulate-worker-death' }),
    failNextSave,
    rows: () => rows.slice(),
  };
}

/**
 * Makes the next checkpoint's serialisation throw in the worker, for real: its `extra` gets a BigInt,
 * which structured clone carries and JSON.stringify (the checkpoint's manifest) refuses.
 */
function poisonNextSave(client: TrainingClient): () => void {
  let armed = false;
  const send = client.send.bind(client);
  client.send = (command: WorkerCommand, transfer?: Transferable[]) => {
    if (armed && command.type === 'save-checkpoint') {
      armed = false;
      command = { ...command, extra: { ...command.extra, unserialisable: BigInt(1) } };
    }
    send(command, transfer);
  };
  return () => {
    armed = true;
  };
}
