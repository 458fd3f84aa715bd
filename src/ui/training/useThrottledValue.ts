import { startTransition, useEffect, useRef, useState } from 'react';

/**
 * The value as of at most once per interval (trailing edge), so a chart fed ten batches a second
 * re-renders a few times a second, as a low-priority (interruptible) update.
 */
export function useThrottledValue<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const lastShown = useRef(0);
  useEffect(() => {
    const wait = Math.max(0, lastShown.current + intervalMs - performance.now());
    const timer = setTimeout(() => {
      lastShown.current = performance.now();
      // A transition renders in slices that yield to input, so a chart update never blocks the page.
      startTransition(() => setShown(value));
    }, wait);
    return () => clearTimeout(timer);
  }, [value, intervalMs]);
  return shown;
}
