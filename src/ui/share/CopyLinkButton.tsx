import { useEffect, useState } from 'react';
import { pageLink } from '../pageSettings';
import { usePlaygroundStore } from '../store/usePlayground';
import type { PlaygroundState } from '../store/types';

type CopyResult =
  | { state: 'idle' }
  | { state: 'copied'; datasetShared: boolean }
  /** The clipboard was refused (insecure page, denied permission): the link is shown to copy by hand. */
  | { state: 'manual'; link: string; datasetShared: boolean };

const MESSAGE_MS = 4000;

/** Copies a link that reopens the page with the running setup: applied config, preset, data set, backend. */
export function CopyLinkButton() {
  const store = usePlaygroundStore();
  const [result, setResult] = useState<CopyResult>({ state: 'idle' });
  useEffect(() => {
    if (result.state !== 'copied') return;
    const timer = setTimeout(() => setResult({ state: 'idle' }), MESSAGE_MS);
    return () => clearTimeout(timer);
  }, [result]);

  const copy = async () => {
    const { link, datasetShared } = currentLink(store.getState());
    try {
      await navigator.clipboard.writeText(link);
      setResult({ state: 'copied', datasetShared });
    } catch {
      setResult({ state: 'manual', link, datasetShared });
    }
  };
  return (
    <span className="copy-link">
      <button
        data-testid="copy-link"
        title="A link that opens this page with the same settings, seed, data set and backend."
        onClick={() => void copy()}
      >
        Copy link
      </button>
      {result.state === 'copied' && (
        <span role="status" data-testid="copy-link-status">
          Link copied{datasetNote(result.datasetShared)}
        </span>
      )}
      {result.state === 'manual' && (
        <label role="status" data-testid="copy-link-status">
          Copy this link{datasetNote(result.datasetShared)}:{' '}
          <input
            data-testid="copy-link-field"
            readOnly
            value={result.link}
            size={40}
            ref={(input) => input?.select()}
            onFocus={(event) => event.target.select()}
          />
        </label>
      )}
    </span>
  );
}

function currentLink(state: PlaygroundState) {
  const base = `${location.origin}${location.pathname}`;
  const setup = {
    presetId: state.presetId,
    config: state.appliedConfig,
    dataset: state.dataset,
    backend: state.backendChoice,
  };
  // In a guided lesson the link names its step; the panels it hides come back with the step's setup.
  const guided = state.guidedLesson;
  if (!guided) return pageLink(base, setup, state.lesson);
  const lesson = { ...state.lesson, hiddenPanels: guided.linkHiddenPanels };
  return pageLink(base, setup, lesson, { id: guided.id, stepIndex: guided.stepIndex });
}

function datasetNote(datasetShared: boolean): string {
  return datasetShared
    ? ''
    : ' (imported images cannot travel in a link: it opens with the default data set)';
}
