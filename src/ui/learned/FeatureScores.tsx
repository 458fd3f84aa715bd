import type { FeatureComparison } from '../../cpc/eval';
import { IMAGE_FEATURE_INFO, IMAGE_FEATURES, type ImageFeature } from '../../cpc/model/imageFeatureInfo';
import { percent } from './probeHistory';

interface Props {
  features: Partial<Record<ImageFeature, FeatureComparison>>;
  onProbeAll: () => void;
  disabled: boolean;
}

/** Each probed feature's CPC and random-init scores at the shown step, folded away by default. */
export function FeatureScores({ features, onProbeAll, disabled }: Props) {
  const probed = IMAGE_FEATURES.flatMap((f) => {
    const scores = features[f];
    return scores ? [{ feature: f, ...scores }] : [];
  });
  return (
    <details className="feature-scores" data-testid="probe-features">
      <summary>Scores of each feature</summary>
      <table className="probe-table">
        <thead>
          <tr>
            <td />
            <th scope="colgroup" colSpan={2}>
              CPC
            </th>
            <th scope="colgroup" colSpan={2}>
              random init
            </th>
          </tr>
          <tr>
            <th scope="col">features</th>
            <th scope="col">linear</th>
            <th scope="col">kNN</th>
            <th scope="col">linear</th>
            <th scope="col">kNN</th>
          </tr>
        </thead>
        <tbody>
          {probed.map(({ feature, cpc, randomInit }) => (
            <tr key={feature} data-testid="probe-feature-row" data-feature={feature}>
              <th scope="row" title={IMAGE_FEATURE_INFO[feature].doc}>
                {IMAGE_FEATURE_INFO[feature].title}
              </th>
              <td>{percent(cpc.linear)}</td>
              <td>{percent(cpc.knn)}</td>
              <td>{percent(randomInit.linear)}</td>
              <td>{percent(randomInit.knn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {probed.length < IMAGE_FEATURES.length && (
        <button data-testid="probe-all" onClick={onProbeAll} disabled={disabled}>
          Probe all {IMAGE_FEATURES.length} features (takes over twice as long)
        </button>
      )}
    </details>
  );
}
