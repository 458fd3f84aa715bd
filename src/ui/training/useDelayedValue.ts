import { startTransition, useEffect, useState } from 'react';

/**
 * The value as of `delayMs` ago. Charts fed the same data at different delays commit in separate tasks,
 * so no one task lays out every chart at once.
 */
export function useDelayedValue<T>(value: T, delayMs: number): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => startTransition(() => setShown(value)), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return shown;
}
