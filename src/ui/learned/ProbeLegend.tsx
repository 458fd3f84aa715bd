import { PROBE_SOURCE_INFO, PROBE_SOURCES } from './probeSources';

/**
 * What the probe chart's lines are: one colour per input (the meaning colours), solid for the linear
 * probe and dashed for kNN. Plain HTML, so it reads the same in the page, to a screen reader and in the
 * chart's PNG.
 */
export function ProbeLegend({ pixels }: { pixels: boolean }) {
  const shown = PROBE_SOURCES.filter((source) => pixels || source !== 'pixels');
  return (
    <ul className="probe-legend" data-testid="probe-legend">
      {shown.map((source) => (
        <li key={source} data-source={source}>
          <svg width="18" height="8" aria-hidden>
            <line x1="0" y1="4" x2="18" y2="4" stroke={PROBE_SOURCE_INFO[source].colour} strokeWidth="2" />
          </svg>{' '}
          {PROBE_SOURCE_INFO[source].label}
          {source === 'cpc' ? ' (the encoder as it trains)' : ' (flat: never trained)'}
        </li>
      ))}
      <li>solid: linear probe · dashed: kNN</li>
    </ul>
  );
}
