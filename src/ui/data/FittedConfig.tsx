import { isPanelHidden } from '../store/lessonSlice';
import { usePlayground } from '../store/usePlayground';

/**
 * The config fitted to a set and why; once training is under way, first the question whether to switch
 * to it at all (that discards the weights). `imports` picks the note of an import or of a generated set,
 * so that each shows where its set was chosen.
 */
export function FittedConfig({ imports }: { imports: boolean }) {
  const fitted = usePlayground((s) => s.fittedDataset);
  const current = usePlayground((s) => s.fittedDataset?.dataset === s.dataset);
  if (!fitted || (fitted.dataset.kind === 'images') !== imports) return null;
  if (fitted.status === 'declined') {
    return (
      <p className="note" data-testid="fitted-declined">
        Not used: the current run goes on with its own set and config.
      </p>
    );
  }
  if (fitted.status === 'applied' && !current) return null;
  const what = imports ? 'these images' : 'this set';
  return (
    <section
      className="fitted-config"
      data-testid="fitted-config"
      data-status={fitted.status}
      aria-live="polite"
    >
      <p>
        <strong>Config fitted to {what}:</strong>
      </p>
      <ul>
        {fitted.fit.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {fitted.status === 'pending' ? (
        <SwitchQuestion what={what} />
      ) : (
        <ChangeNote refit={imports ? 'a new import' : 'choosing this set again'} />
      )}
    </section>
  );
}

/** Switching sets rebuilds the model, so once it has trained the user decides (as for a rebuild). */
function SwitchQuestion({ what }: { what: string }) {
  const step = usePlayground((s) => s.run.step);
  const confirm = usePlayground((s) => s.confirmFittedDataset);
  const decline = usePlayground((s) => s.declineFittedDataset);
  return (
    <>
      <p>
        <strong>Training on {what} needs a new model.</strong> Switching discards the weights trained for{' '}
        {step === 1 ? '1 step' : `${step} steps`}.
      </p>
      <div className="button-row">
        <button data-testid="fitted-apply" onClick={confirm}>
          Discard weights and switch
        </button>
        <button data-testid="fitted-keep" onClick={decline}>
          Keep the current run
        </button>
      </div>
    </>
  );
}

function ChangeNote({ refit }: { refit: string }) {
  const revealModelPanel = useRevealModelPanel();
  return (
    <p className="note">
      These fields stay editable in the Model panel, and your changes there are kept: only {refit} fits them
      again.{' '}
      <button data-testid="fitted-change" onClick={revealModelPanel}>
        Change it in the Model panel
      </button>
    </p>
  );
}

/** Shows the Model panel (a lesson or the user may have hidden it) and brings its image size into view. */
function useRevealModelPanel(): () => void {
  const hidden = usePlayground((s) => isPanelHidden(s, 'model'));
  const showPanel = usePlayground((s) => s.togglePanelShown);
  return () => {
    if (hidden) showPanel('model');
    // After the render that shows the panel; the field may be hidden by a lesson, then the panel will do.
    requestAnimationFrame(() => {
      const panel = document.querySelector<HTMLElement>('.panel-model');
      const field = panel?.querySelector<HTMLElement>('[data-testid="field-imageSize"]');
      // The field lives under "Advanced settings": open it, or the focus would land on nothing.
      const advanced = field?.closest('details');
      if (advanced) advanced.open = true;
      (field ?? panel)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      field?.focus({ preventScroll: true });
    });
  };
}
