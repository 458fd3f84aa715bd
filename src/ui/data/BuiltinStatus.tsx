import type { DatasetStatus } from './datasetChoice';
import { DatasetSamples } from './DatasetSamples';
import { DatasetSummary } from './DatasetSummary';

/** A progress bar while the training worker loads the set, then its summary and a few samples per class. */
export function BuiltinStatus({ status }: { status: DatasetStatus }) {
  if (status.state === 'loading') {
    return (
      <div className="dataset-progress" data-testid="dataset-progress">
        <progress max={1} value={status.fraction} />
        <span>{status.message}</span>
      </div>
    );
  }
  const { info } = status;
  const notes = [
    info.testCount > 0 ? `${info.trainCount} for training, ${info.testCount} held out for the probes.` : '',
    `Loaded in ${Math.round(info.loadMs)} ms.`,
  ].filter(Boolean);
  return (
    <div data-testid="dataset-loaded" data-load-ms={info.loadMs.toFixed(1)}>
      <DatasetSummary
        images={info.trainCount + info.testCount}
        classNames={info.classNames}
        classCounts={info.classCounts}
        skipped={0}
        notes={notes}
      />
      <DatasetSamples info={info} />
    </div>
  );
}
