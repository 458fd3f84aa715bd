import { createContext, useState, type ReactNode } from 'react';
import { createPlaygroundStore, type PlaygroundInit, type PlaygroundStore } from './playgroundStore';

export const PlaygroundStoreContext = createContext<PlaygroundStore | null>(null);

/** One store per page, created from the URL's settings on first render. */
export function PlaygroundStoreProvider({ init, children }: { init: PlaygroundInit; children: ReactNode }) {
  const [store] = useState(() => createPlaygroundStore(init));
  return <PlaygroundStoreContext.Provider value={store}>{children}</PlaygroundStoreContext.Provider>;
}
