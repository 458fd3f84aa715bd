import { usePlayground } from '../store/usePlayground';
import { usePresenterUrl } from './usePresenterUrl';

/**
 * The header's presenter switch: on, the page hides the developer figures (tensor count, memory, page
 * heap, the backend's timings) that a class does not need.
 */
export function PresenterToggle({ fromLink }: { fromLink: boolean | null }) {
  usePresenterUrl(fromLink);
  const presenter = usePlayground((s) => s.presenter);
  const setPresenter = usePlayground((s) => s.setPresenter);
  return (
    <button
      type="button"
      data-testid="presenter-toggle"
      aria-pressed={presenter}
      title="Hide the developer figures (tensors, memory, backend timings) for a class. Kept in the address as presenter=1."
      onClick={() => setPresenter(!presenter)}
    >
      Presenter view
    </button>
  );
}
