import type { WorkerConnection } from '../store/runSlice';
import type { PlaygroundStore } from '../store/playgroundStore';
import { isImportInFlight } from './importSlice';

/**
 * Tells the training worker when an import starts and ends decoding, so that its automatic probes wait
 * meanwhile (protocol.ts `hold-probes`): on two cores the step-0 baselines, which start as soon as a run
 * is ready, took one core from the decode workers. A worker connected mid-import is told as well.
 */
export function holdProbesWhileImporting(store: PlaygroundStore): void {
  let told: { connection: WorkerConnection | null; held: boolean } = { connection: null, held: false };
  store.subscribe(({ connection, dataImport }) => {
    const held = isImportInFlight(dataImport);
    if (connection === told.connection && held === told.held) return;
    // A new worker starts with its probes free: it only needs telling when they are to wait.
    const fresh = connection !== told.connection;
    told = { connection, held };
    if (connection && (held || !fresh)) connection.send({ type: 'hold-probes', held });
  });
}
