import { useCallback, useEffect, useState } from 'react';
import { BackendMover } from '../../worker/backendMover';
import { TrainingClient, type ClientEventType, type ClientEvent } from '../../worker/client';
import { usePlayground } from '../store/usePlayground';

const RUN_EVENTS: readonly ClientEventType[] = [
  'ready',
  'progress',
  'metrics',
  'state',
  'error',
  'recovered',
  'probe',
  'resumed',
  'crash',
  'moved',
  'backend-checked',
];

/** `?testHooks&moveToSoftwareGpu`: the software GPU here is timed as a candidate and counts as faster. */
const MOVE_TEST_PARAM = 'moveToSoftwareGpu';

/**
 * Owns the training worker for the page's lifetime: a fresh worker on mount and on restart (after a
 * crash), `init` with the applied config, events into the store, terminate on unmount.
 */
export function useTrainingWorker(): { restart: () => void } {
  const connect = usePlayground((s) => s.connect);
  const disconnect = usePlayground((s) => s.disconnect);
  const handleEvent = usePlayground((s) => s.handleEvent);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const client = new TrainingClient();
    const params = new URLSearchParams(location.search);
    const testHooks = params.has('testHooks');
    const mover = new BackendMover(client, { softwareGpuCounts: testHooks && params.has(MOVE_TEST_PARAM) });
    for (const type of RUN_EVENTS) client.on(type, handleEvent);
    if (testHooks) exposeTestHooks(client);
    connect(client);
    return () => {
      disconnect();
      mover.dispose();
      client.terminate();
    };
  }, [generation, connect, disconnect, handleEvent]);

  const restart = useCallback(() => setGeneration((g) => g + 1), []);
  return { restart };
}

/** For e2e tests only (`?testHooks` in the URL): pokes the worker in ways no control on the page does. */
function exposeTestHooks(client: TrainingClient): void {
  // Every step's row as the page received it, whichever worker trained it.
  const rows: { step: number; loss: number }[] = [];
  const record = (event: Extract<ClientEvent, { type: 'metrics' }>) =>
    rows.push(...event.rows.map(({ step, loss }) => ({ step, loss })));
  client.on('metrics', record);
  (window as Window & { cpcTestHooks?: object }).cpcTestHooks = {
    loseDevice: () => client.send({ type: 'simulate-device-loss' }),
    rows: () => rows.slice(),
  };
}
