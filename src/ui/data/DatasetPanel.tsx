import { useState } from 'react';
import type { ImportResult } from '../../datasets/assembleImport';
import type { DatasetSpec } from '../../worker/protocol';
import type { DroppedImport } from '../drop/dropSlice';
import { BuiltinStatus } from './BuiltinStatus';
import { DATASET_CHOICES, specForChoice, type DatasetChoice, type DatasetStatus } from './datasetChoice';
import { FIT_DECODE, fitBuiltin, fitImport, fitTextures } from './fitImport';
import { FittedConfig } from './FittedConfig';
import { ImportSection } from './ImportSection';
import { shownChoice, type Picker } from './pickerChoice';
import { usePlayground, usePlaygroundStore } from '../store/usePlayground';
import { WebcamChoice } from '../webcam/WebcamChoice';
import './data.css';

interface Props {
  /** What the training worker reports about the set it is loading. */
  status: DatasetStatus;
  onDataset: (spec: DatasetSpec) => void;
}

/**
 * Chooses what to train on; imports stay on the page until the user switches away. An import and the
 * colour textures come with a config fitted to them (size, grid, colour); the built-in sets keep the
 * config they have.
 */
export function DatasetPanel({ status, onDataset }: Props) {
  // The run's set (a shared link or a resumed run may have chosen it), or the importer while the user
  // picks a folder.
  const dataset = usePlayground((s) => s.dataset);
  // The set that was current when the user chose to import or record (and the recorded set once it
  // trains); any other set since (an import finished, a run resumed) ends the choosing.
  const [picker, setPicker] = useState<Picker | null>(null);
  // Images dropped anywhere on the page open "Your images" with their import (src/ui/drop/).
  const dropped = usePlayground((s) => (s.droppedImport?.target === 'data' ? s.droppedImport : null));
  const [seenDrop, setSeenDrop] = useState<DroppedImport | null>(null);
  if (dropped !== seenDrop) {
    setSeenDrop(dropped);
    if (dropped) setPicker({ choice: 'images', over: dataset, made: null });
  }
  const choice = shownChoice(picker, dataset);
  const store = usePlaygroundStore();
  const chooseFitted = usePlayground((s) => s.chooseFittedDataset);
  // The side an import trains at: the fitted one while it waits for the user's word.
  const trainingSize = usePlayground((s) =>
    s.fittedDataset?.status === 'pending' ? s.fittedDataset.fit.config.imageSize : s.appliedConfig.imageSize,
  );
  // Fitted to the config as the Model panel shows it when the set is chosen; later edits stay the user's.
  const base = () => store.getState().draftConfig;
  const choose = (next: DatasetChoice) => {
    const spec = specForChoice(next);
    setPicker(next === 'images' || next === 'webcam' ? { choice: next, over: dataset, made: null } : null);
    const fit =
      spec?.kind === 'textures' ? fitTextures(base()) : spec?.kind === 'builtin' ? fitBuiltin(base()) : null;
    if (spec && fit) chooseFitted(spec, fit);
    else if (spec) onDataset(spec);
  };
  const imported = (result: ImportResult, name: string) => {
    const { set, ...fit } = fitImport(result, base());
    chooseFitted({ kind: 'images', name, set }, fit);
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
          size={FIT_DECODE.size}
          channels={FIT_DECODE.channels}
          trainingSize={trainingSize}
          onImported={imported}
          beforeImport={dataset.kind === 'images' && <BuiltinStatus status={status} />}
          afterSummary={<FittedConfig imports />}
          dropTarget="data"
        />
      ) : choice === 'webcam' ? (
        <WebcamChoice
          status={status}
          made={picker?.made ?? null}
          onMade={(made) => setPicker((p) => p && { ...p, made })}
        />
      ) : (
        <>
          <FittedConfig imports={false} />
          <BuiltinStatus status={status} />
        </>
      )}
    </section>
  );
}
