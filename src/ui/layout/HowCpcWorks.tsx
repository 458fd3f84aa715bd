import { usePlayground } from '../store/usePlayground';
import { CpcIllustration } from './CpcIllustration';
import { cpcWalkthrough } from './howCpcWorks';

/**
 * The collapsible teaching strip: CPC drawn from the live model (its grid, context, a prediction and the
 * ranked candidates), then the steps in words with the running model's numbers.
 */
export function HowCpcWorks() {
  const open = usePlayground((s) => s.howItWorksOpen);
  const setOpen = usePlayground((s) => s.setHowItWorksOpen);
  const config = usePlayground((s) => s.appliedConfig);
  const text = cpcWalkthrough(config);
  return (
    <details
      className="how-cpc"
      data-testid="how-cpc"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>How CPC works (with this model's numbers)</summary>
      <CpcIllustration open={open} />
      {text ? (
        <ol>
          <li>
            <strong>Context.</strong> {text.context}
          </li>
          <li>
            <strong>Prediction.</strong> {text.prediction} {text.kStart}
          </li>
          <li>
            <strong>Loss.</strong> {text.loss}
          </li>
          <li>
            <strong>Did it learn?</strong> {text.baselines}
          </li>
        </ol>
      ) : (
        <p>The current settings do not make a valid patch grid; see the model panel.</p>
      )}
    </details>
  );
}
