import { usePlayground } from '../store/usePlayground';

/** After a reload or a crash: "Resume run X from step N". */
export function ResumeOffer() {
  const offer = usePlayground((s) => s.resumeOffer);
  const canResume = usePlayground((s) => s.run.phase === 'ready' && s.resuming === null);
  const resumeSaved = usePlayground((s) => s.resumeSaved);
  const dismiss = usePlayground((s) => s.dismissResumeOffer);
  // After a crash the crash notice offers it, with the restart it needs first.
  const crashed = usePlayground((s) => s.run.phase === 'crashed');
  if (!offer || crashed) return null;
  return (
    <div className="resume-offer" data-testid="resume-offer">
      Resume run <strong>{offer.name}</strong> from step {offer.step}?{' '}
      <button data-testid="resume-run" disabled={!canResume} onClick={() => void resumeSaved(offer.id)}>
        Resume
      </button>{' '}
      <button data-testid="resume-dismiss" onClick={dismiss}>
        Not now
      </button>
    </div>
  );
}
