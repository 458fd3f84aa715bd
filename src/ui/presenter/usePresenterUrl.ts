import { useEffect } from 'react';
import { PRESENTER_PARAM, withPresenter } from '../share/presenterParam';
import { usePlayground } from '../store/usePlayground';

/**
 * Keeps the presenter view and the address in step: a link's `presenter=1|0` wins over the stored
 * preference on load, and every toggle rewrites the address (replaceState, no new history entry), so a
 * reload or a copied address keeps the view.
 */
export function usePresenterUrl(fromLink: boolean | null): void {
  const presenter = usePlayground((s) => s.presenter);
  const setPresenter = usePlayground((s) => s.setPresenter);
  useEffect(() => {
    if (fromLink !== null) setPresenter(fromLink);
  }, [fromLink, setPresenter]);
  useEffect(() => {
    const { pathname, search, hash } = window.location;
    // Untouched while the address already agrees: rewriting would re-encode the other parameters.
    if ((new URLSearchParams(search).get(PRESENTER_PARAM) === '1') === presenter) return;
    const next = withPresenter(search, presenter);
    window.history.replaceState(window.history.state, '', `${pathname}${next}${hash}`);
  }, [presenter]);
}
