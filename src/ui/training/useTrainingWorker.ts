import { useCallback, useEffect, useState } from 'react';
import { BackendMover } from '../../worker/backendMover';
import { TrainingClient, type ClientEventType } from '../../worker/client';
import { usePlayground } from '../store/usePlayground';
import { exposeTrainingTestHooks, testHooksWanted } from './trainingTestHooks';

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
    const testHooks = testHooksWanted();
    const mover = new BackendMover(client, { softwareGpuCounts: testHooks && params.has(MOVE_TEST_PARAM) });
    for (const type of RUN_EVENTS) client.on(type, handleEvent);
    if (testHooks) exposeTrainingTestHooks(client);
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
