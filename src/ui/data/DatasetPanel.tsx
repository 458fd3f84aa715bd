import { useState } from 'react';
import type { DatasetSpec } from '../../worker/protocol';
import { BuiltinStatus } from './BuiltinStatus';
import { DATASET_CHOICES, specForChoice, type DatasetChoice, type DatasetStatus } from './datasetChoice';
import { ImportSection } from './ImportSection';
import { usePlayground } from '../store/usePlayground';
import './data.css';

interface Props {
  /** Training size and channels: imports are decoded straight to them. */
  size: number;
  channels: 1 | 3;
  /** What the training worker reports about the set it is loading. */
  status: DatasetStatus;
  onDataset: (spec: DatasetSpec) => void;
}

/** Chooses what to train on; imports stay on the page until the user switches away. */
export function DatasetPanel({ size, channels, status, onDataset }: Props) {
  // The run's set (a shared link or a resumed run may have chosen it), or the importer while the user
  // picks a folder.
  const dataset = usePlayground((s) => s.dataset);
  // The set that was current when the user chose to import; any other set since (an import finished,
  // a run resumed) ends the choosing.
  const [importingOver, setImportingOver] = useState<DatasetSpec | null>(null);
  const choice: DatasetChoice = importingOver === dataset ? 'images' : choiceOf(dataset);
  const choose = (next: DatasetChoice) => {
    const spec = specForChoice(next);
    setImportingOver(spec === null ? dataset : null);
    if (spec) onDataset(spec);
  };
  return (
    <section className="dataset-panel">
      <label>
        Dataset{' '}
        <select
          data-testid="dataset-select"
          value={choice}
          onChange={(event) => choose(event.target.value as DatasetChoice)}
        >
          {DATASET_CHOICES.map(({ value, label }) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {choice === 'images' ? (
        <ImportSection
          size={size}
          channels={channels}
          onImported={(result, name) => onDataset({ kind: 'images', name, set: result.set })}
          beforeImport={dataset.kind === 'images' && <BuiltinStatus status={status} />}
        />
      ) : (
        <BuiltinStatus status={status} />
      )}
    </section>
  );
}

function choiceOf(spec: DatasetSpec): DatasetChoice {
  return spec.kind === 'builtin' ? spec.name : spec.kind;
}
