import { useId } from 'react';
import {
  IMAGE_FEATURE_INFO,
  IMAGE_FEATURES,
  isImageFeature,
  type ImageFeature,
} from '../../cpc/model/imageFeatureInfo';

interface Props {
  feature: ImageFeature;
  onChange: (feature: ImageFeature) => void;
  disabled: boolean;
}

/** Which image feature the probe, neighbours, the map and the embeddings export read; each has a one-line doc. */
export function ImageFeatureSelect({ feature, onChange, disabled }: Props) {
  const id = useId();
  return (
    <div className="probe-feature">
      <label htmlFor={id}>features:</label>{' '}
      <select
        id={id}
        data-testid="probe-feature"
        value={feature}
        title={IMAGE_FEATURE_INFO[feature].doc}
        disabled={disabled}
        onChange={(e) => {
          if (isImageFeature(e.target.value)) onChange(e.target.value);
        }}
      >
        {IMAGE_FEATURES.map((f) => (
          <option key={f} value={f} title={IMAGE_FEATURE_INFO[f].doc}>
            {IMAGE_FEATURE_INFO[f].title}
          </option>
        ))}
      </select>
    </div>
  );
}
