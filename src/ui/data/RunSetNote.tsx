import type { DatasetStatus } from './datasetChoice';

/**
 * Under an import, what the training worker has loaded: the import once it trains on it, or the set the run
 * keeps while the import waits for the user's word. Read from the worker's own report, not from the page.
 */
export function RunSetNote({ status }: { status: DatasetStatus }) {
  if (status.state !== 'loaded') return null;
  const { title, trainCount, testCount } = status.info;
  return (
    <p className="note" data-testid="run-set">
      The run trains on “{title}”: {trainCount} images
      {testCount > 0 ? `, ${testCount} held out for the probes` : ''}.
    </p>
  );
}
