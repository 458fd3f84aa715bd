import { useEffect, useRef } from 'react';
import type { ClientEvent, ClientEventType } from '../../worker/client';
import { usePlayground } from '../store/usePlayground';

/**
 * Calls `handler` for each event of `type` from the current worker (the store's connection, which a
 * restart replaces). The latest handler is used without resubscribing.
 */
export function useWorkerEvent<T extends ClientEventType>(
  type: T,
  handler: (event: Extract<ClientEvent, { type: T }>) => void,
): void {
  const connection = usePlayground((s) => s.connection);
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!connection) return;
    const unsubscribe = connection.on(type, (event) => latest.current(event));
    return () => void unsubscribe();
  }, [connection, type]);
}
