import { useCallback, useEffect, useState } from 'react';
import { TrainingClient, type ClientEventType } from '../../worker/client';
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
];

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
    for (const type of RUN_EVENTS) client.on(type, handleEvent);
    connect(client);
    if (new URLSearchParams(location.search).has('testHooks')) exposeTestHooks(client);
    return () => {
      disconnect();
      client.terminate();
    };
  }, [generation, connect, disconnect, handleEvent]);

  const restart = useCallback(() => setGeneration((g) => g + 1), []);
  return { restart };
}

/** For e2e tests only (`?testHooks` in the URL): pokes the worker in ways no control on the page does. */
function exposeTestHooks(client: TrainingClient): void {
  (window as Window & { cpcTestHooks?: object }).cpcTestHooks = {
    loseDevice: () => client.send({ type: 'simulate-device-loss' }),
  };
}
