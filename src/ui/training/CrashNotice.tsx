import { usePlayground } from '../store/usePlayground';

/**
 * After the worker died: what happened, what of the run is kept (its latest save), and one button that
 * starts a fresh worker and continues from that save, or a new run when nothing was saved.
 */
export function CrashNotice({ crash, onRestart }: { crash: string; onRestart: () => void }) {
  const kept = usePlayground((s) => s.resumeOffer);
  const setResumeAfterRestart = usePlayground((s) => s.setResumeAfterRestart);
  const restart = () => {
    setResumeAfterRestart(kept?.id ?? null);
    onRestart();
  };
  return (
    <p role="alert" className="alert" data-testid="crash">
      The training worker crashed: {crash}{' '}
      {kept
        ? `Kept: ${kept.name} as saved at step ${kept.step}; the steps after it are lost.`
        : 'Nothing of this run was saved.'}{' '}
      <button data-testid="restart" onClick={restart}>
        {kept ? `Restart from step ${kept.step}` : 'Restart'}
      </button>
    </p>
  );
}
