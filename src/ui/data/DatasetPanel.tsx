import { useCallback, useState } from 'react';
import type { DatasetSpec } from '../../worker/protocol';
import type { DroppedImport } from '../drop/dropSlice';
import { BackgroundImport } from './BackgroundImport';
import { BuiltinStatus } from './BuiltinStatus';
import { confirmReplaceImport, requestDataImport, trainOnImport } from './dataImport';
import { DATASET_CHOICES, specForChoice, type DatasetChoice, type DatasetStatus } from './datasetChoice';
import { fitBuiltin, fitTextures } from './fitImport';
import { FittedConfig } from './FittedConfig';
import { isImportInFlight } from './importSlice';
import { ImportSection, type Importer } from './ImportSection';
import { RunSetNote } from './RunSetNote';
import { importChoiceLabel, sameImport, shownChoice, type Picker } from './pickerChoice';
import { usePlayground, usePlaygroundStore } from '../store/usePlayground';
import type { ListFiles } from './importSlice';
import { WebcamChoice } from '../webcam/WebcamChoice';
import './data.css';

interface Props {
  /** What the training worker reports about the set it is loading. */
  status: DatasetStatus;
  onDataset: (spec: DatasetSpec) => void;
}

/**
 * Chooses what to train on. The last import that brought images is kept on the page (src/ui/data/
 * importSlice.ts): switching to another set and back trains on it again, and an import still decoding goes
 * on in the background. An import and the colour textures come with a config fitted to them (size, grid,
 * colour); the built-in sets keep the config they have.
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
  const pendingSet = usePlayground((s) =>
    s.fittedDataset?.status === 'pending' ? s.fittedDataset.dataset : null,
  );
  const choice = shownChoice(picker, dataset, pendingSet);
  const store = usePlaygroundStore();
  const dataImport = usePlayground((s) => s.dataImport);
  const kept = usePlayground((s) => s.keptImport);
  const chooseFitted = usePlayground((s) => s.chooseFittedDataset);
  // The side an import trains at: the fitted one while it waits for the user's word.
  const trainingSize = usePlayground((s) =>
    s.fittedDataset?.status === 'pending' ? s.fittedDataset.fit.config.imageSize : s.appliedConfig.imageSize,
  );
  const start = useCallback(
    (name: string, listFiles: ListFiles) => requestDataImport(store, name, listFiles),
    [store],
  );
  const importer: Importer = { state: dataImport, start, cancel: store.getState().cancelDataImport };
  // Fitted to the config as the Model panel shows it when the set is chosen; later edits stay the user's.
  const base = () => store.getState().draftConfig;
  const choose = (next: DatasetChoice) => {
    const state = store.getState();
    if (next === 'images') {
      setPicker({ choice: next, over: dataset, made: null });
      state.dismissBackgroundImport();
      // An import still decoding is followed again; a kept one is trained on without a re-import.
      if (isImportInFlight(state.dataImport)) state.followDataImport();
      else if (state.keptImport) trainOnImport(store, state.keptImport);
      return;
    }
    // The user chose another set: an import in flight goes on, but only to be kept.
    state.sendDataImportToBackground();
    const spec = specForChoice(next);
    setPicker(next === 'webcam' ? { choice: next, over: dataset, made: null } : null);
    const fit =
      spec?.kind === 'textures' ? fitTextures(base()) : spec?.kind === 'builtin' ? fitBuiltin(base()) : null;
    if (spec && fit) chooseFitted(spec, fit);
    else if (spec) onDataset(spec);
  };
  const keptEntry = kept && { name: kept.name, count: kept.result.set.count };
  // A resumed run may train on an import other than the kept one. An import that waits for the user's word
  // (or was declined) is still the one to show, with its question.
  const waiting = usePlayground((s) => s.fittedDataset !== null && s.fittedDataset.status !== 'applied');
  const runsOnAnotherImport = !waiting && dataset.kind === 'images' && !sameImport(dataset, keptEntry);
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
              {value === 'images' ? importChoiceLabel(choice, dataset, keptEntry) : label}
            </option>
          ))}
        </select>
      </label>
      {choice !== 'images' && (
        <BackgroundImport
          state={dataImport}
          onCancel={store.getState().cancelDataImport}
          onDismiss={store.getState().dismissBackgroundImport}
        />
      )}
      {choice === 'images' ? (
        <ImportSection
          importer={importer}
          trainingSize={trainingSize}
          beforeImport={dataset.kind === 'images' && <BuiltinStatus status={status} />}
          afterSummary={
            <>
              <FittedConfig imports />
              <RunSetNote status={status} />
            </>
          }
          dropTarget="data"
          kept={{
            kept,
            shown: !runsOnAnotherImport,
            replace: () => void confirmReplaceImport(store),
            keep: store.getState().declineReplaceImport,
          }}
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
