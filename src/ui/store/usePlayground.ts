import { useContext } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { PlaygroundStoreContext } from './PlaygroundStoreProvider';
import type { PlaygroundStore } from './playgroundStore';
import type { PlaygroundState } from './types';

export function usePlaygroundStore(): PlaygroundStore {
  const store = useContext(PlaygroundStoreContext);
  if (!store) throw new Error('usePlayground needs a PlaygroundStoreProvider above it.');
  return store;
}

/** One field (or action) of the store: the component re-renders only when that value changes. */
export function usePlayground<T>(selector: (state: PlaygroundState) => T): T {
  return useStore(usePlaygroundStore(), selector);
}

/** A derived object or array: compared shallowly so a fresh object with equal parts does not re-render. */
export function usePlaygroundShallow<T>(selector: (state: PlaygroundState) => T): T {
  return useStore(usePlaygroundStore(), useShallow(selector));
}
