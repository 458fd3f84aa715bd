import { useCallback, useRef } from 'react';
import { datasetRefOf } from '../keep/datasetRef';
import { runExtraRecord } from '../keep/runExtra';
import { usePlaygroundStore } from '../store/usePlayground';
import { downloadFiles, type DownloadFile } from './download';
import { checkpointFile, embeddingFiles, encoderFiles, metricsFiles } from './exportFiles';
import { requestFromWorker } from './workerRequest';

export type ExportKind = 'encoder' | 'checkpoint' | 'pytorch' | 'embeddings' | 'metrics';

/**
 * One function per export: it gathers every file (asking the worker where needed) and only then
 * downloads them all, so a failure downloads nothing. Rejects with a message fit for the page.
 */
export function useExportActions(): (kind: ExportKind) => Promise<void> {
  const store = usePlaygroundStore();
  // Exports count down from -1: autosave (autosaveSlice) counts up from 1 on the same worker, and each side
  // must only ever see its own answers.
  const nextRequestId = useRef(-1);

  return useCallback(
    async (kind: ExportKind) => {
      // The store as of the click: the run may go on training while the worker answers.
      const { connection, dataset, history, probeHistory, presetId, runId, runName } = store.getState();
      const requestId = nextRequestId.current--;
      const worker = () => {
        if (!connection) throw new Error('The training worker is not running.');
        return connection;
      };
      let files: DownloadFile[];
      switch (kind) {
        case 'encoder':
          files = encoderFiles(await requestFromWorker(worker(), { type: 'export-encoder', requestId }));
          break;
        case 'checkpoint':
        case 'pytorch': {
          // Named like the autosaved run, so a file dropped back on the page continues that run.
          const extra = runExtraRecord({
            runId,
            name: runName,
            presetId,
            dataset: datasetRefOf(dataset, null),
            history,
            probeHistory,
          });
          const reply = await requestFromWorker(worker(), { type: 'save-checkpoint', requestId, extra });
          if (kind === 'checkpoint') files = [checkpointFile(reply, dataset)];
          else files = [await (await import('./pytorchExport')).pytorchProjectFile(reply.bytes, dataset)];
          break;
        }
        case 'embeddings':
          files = embeddingFiles(
            await requestFromWorker(worker(), { type: 'request-embeddings', requestId }),
          );
          break;
        case 'metrics':
          files = metricsFiles(history, probeHistory, dataset);
          break;
      }
      downloadFiles(files);
    },
    [store],
  );
}
