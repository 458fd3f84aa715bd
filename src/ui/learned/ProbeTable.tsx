import type { ProbeScores } from '../../cpc/eval';
import { IMAGE_FEATURE_INFO } from '../../cpc/model/imageFeatureInfo';
import type { ProbeOutcome } from '../../worker/protocol';
import { percent } from './probeHistory';
import { PROBE_SOURCE_INFO, PROBE_SOURCES, type ProbeSource } from './probeSources';

export type ProbeResult = Extract<ProbeOutcome, { available: true }> & { step: number };

/** The last probe: CPC against its two baselines, random init and raw pixels, on the same images. */
export function ProbeTable({ result }: { result: ProbeResult }) {
  const source = result.testSource === 'held-out' ? 'held-out test images' : 'training images held back';
  const scores: Record<ProbeSource, ProbeScores> = {
    cpc: result.cpc,
    random: result.randomInit,
    pixels: result.pixels,
  };
  return (
    <div data-testid="probe-result" aria-live="polite">
      <table className="probe-table">
        <caption>
          Step {result.step} ({IMAGE_FEATURE_INFO[result.feature].title}): trained on {result.trainImages}{' '}
          images, scored on {result.testImages} {source} ({(result.durationMs / 1000).toFixed(1)} s)
        </caption>
        <thead>
          <tr>
            <th scope="col">input</th>
            <th scope="col">linear</th>
            <th scope="col">kNN</th>
          </tr>
        </thead>
        <tbody>
          {PROBE_SOURCES.map((s) => (
            <tr key={s}>
              <th scope="row">
                <span className="swatch" style={{ background: PROBE_SOURCE_INFO[s].colour }} aria-hidden />{' '}
                {PROBE_SOURCE_INFO[s].label}
              </th>
              <td data-testid={`probe-${s}-linear`}>{percent(scores[s].linear)}</td>
              <td data-testid={`probe-${s}-knn`}>{percent(scores[s].knn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
