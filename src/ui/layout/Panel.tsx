import { useId, type ReactNode } from 'react';
import { isPanelHidden } from '../store/lessonSlice';
import type { PanelId } from '../store/uiPrefsSlice';
import { usePlayground } from '../store/usePlayground';

interface Props {
  id: PanelId;
  title: string;
  /** "What am I looking at": one or two sentences for a first-time viewer. */
  note: string;
  children: ReactNode;
}

/** One column of the page, with its explanation and a Hide button for lessons. */
export function Panel({ id, title, note, children }: Props) {
  const headingId = useId();
  const hidden = usePlayground((s) => isPanelHidden(s, id));
  const togglePanel = usePlayground((s) => s.togglePanelShown);
  if (hidden) return null;
  return (
    <section className={`panel panel-${id}`} aria-labelledby={headingId} data-testid={`panel-${id}`}>
      <header className="panel-header">
        <h2 id={headingId}>{title}</h2>
        <button className="quiet" aria-label={`Hide the ${title} panel`} onClick={() => togglePanel(id)}>
          Hide
        </button>
      </header>
      <p className="what">{note}</p>
      <div className="panel-body">{children}</div>
    </section>
  );
}
