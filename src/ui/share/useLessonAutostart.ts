import { useEffect } from 'react';
import { usePlayground } from '../store/usePlayground';

/** `autostart=1`: starts training once, as soon as the worker reports ready. */
export function useLessonAutostart(): void {
  const due = usePlayground((s) => s.autostartPending && s.run.phase === 'ready');
  const autostartIfPending = usePlayground((s) => s.autostartIfPending);
  useEffect(() => {
    if (due) autostartIfPending();
  }, [due, autostartIfPending]);
}
