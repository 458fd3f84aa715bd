import { useEffect } from 'react';
import { usePlaygroundStore } from '../store/usePlayground';

/** Elements whose own keys (typing, Space on a button) must not also drive training. */
const OWN_KEYS = 'input, select, textarea, button, [contenteditable="true"], [role="slider"]';

/** Space starts or pauses, S runs one step, anywhere on the page except inside a control. */
export function useTrainingShortcuts(): void {
  const store = usePlaygroundStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      if (event.target instanceof Element && event.target.closest(OWN_KEYS)) return;
      const state = store.getState();
      if (event.key === ' ') {
        event.preventDefault();
        if (state.run.running) state.pause();
        else state.start();
      } else if (event.key === 's' || event.key === 'S') {
        state.step();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
