import { usePlayground } from '../store/usePlayground';
import { cpcWalkthrough } from './howCpcWorks';

/** The collapsible teaching strip: the two steps of CPC with the running model's numbers. */
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
      {text ? (
        <ol>
          <li>
            <strong>Context.</strong> {text.context}
          </li>
          <li>
            <strong>Prediction.</strong> {text.prediction}
          </li>
          <li>
            <strong>Loss.</strong> {text.loss}
          </li>
        </ol>
      ) : (
        <p>The current settings do not make a valid patch grid; see the model panel.</p>
      )}
    </details>
  );
}
