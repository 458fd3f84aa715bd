import { useCallback, useEffect, useReducer, useRef } from 'react';
import { TrainingClient, type ClientEventType } from '../worker/client';
import type { WorkerCommand } from '../worker/protocol';
import type { PageSettings } from './pageSettings';
import { INITIAL_VIEW, reduceView } from './trainingView';

const SYNTHETIC_IMAGES = 512;
const EVENT_TYPES: readonly ClientEventType[] = ['ready', 'progress', 'metrics', 'state', 'error', 'crash'];

/** Owns one training worker for the component's lifetime: init on mount, terminate on unmount. */
export function useTraining(settings: PageSettings) {
  const [view, dispatch] = useReducer(reduceView, INITIAL_VIEW);
  const clientRef = useRef<TrainingClient | null>(null);

  useEffect(() => {
    const client = new TrainingClient();
    clientRef.current = client;
    for (const type of EVENT_TYPES) client.on(type, dispatch);
    client.send({
      type: 'init',
      config: settings.config,
      backend: settings.backend,
      dataset: { kind: 'synthetic', count: SYNTHETIC_IMAGES },
    });
    return () => {
      client.terminate();
      clientRef.current = null;
    };
  }, [settings]);

  const send = useCallback((command: WorkerCommand) => clientRef.current?.send(command), []);
  return { view, send };
}
