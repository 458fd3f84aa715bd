import { isStored } from '../../cpc/data/imageSet';
import type { ImportResult } from '../../datasets/assembleImport';
import type { ImportFile } from '../../datasets/browser/fileSources';
import { importImages, nextTask, type ImportOptions } from '../../datasets/browser/importImages';
import { releaseSpareCopy } from '../../datasets/browser/spareCopies';
import type { PlaygroundStore } from '../store/playgroundStore';
import { FIT_DECODE, fitImport } from './fitImport';
import { storeOverBytesOfPage } from './importStorage';
import type { KeptImport, ListFiles } from './importSlice';

/** Decodes the files into a set (the browser's decode workers on the page, a fake in tests). */
export type DecodeFiles = (files: readonly ImportFile[], options: ImportOptions) => Promise<ImportResult>;

/**
 * The Data panel's import, run against the store so it goes on whatever the panel shows. While another
 * import is kept, a new one first asks (nothing is read until the user says yes).
 */
export async function requestDataImport(
  store: PlaygroundStore,
  name: string,
  listFiles: ListFiles,
  decode: DecodeFiles = importImages,
): Promise<void> {
  if (store.getState().keptImport) return store.getState().askToReplaceImport(name, listFiles);
  await runDataImport(store, name, listFiles, decode);
}

/** The user agreed that the import they were asked about replaces the kept one (once it has images). */
export async function confirmReplaceImport(
  store: PlaygroundStore,
  decode: DecodeFiles = importImages,
): Promise<void> {
  const asked = store.getState().dataImport;
  if (asked.phase === 'confirm') await runDataImport(store, asked.name, asked.listFiles, decode);
}

async function runDataImport(
  store: PlaygroundStore,
  name: string,
  listFiles: ListFiles,
  decode: DecodeFiles,
): Promise<void> {
  const { id, signal } = store.getState().beginDataImport(name);
  try {
    const files = await listFiles();
    const result = await decode(files, {
      ...FIT_DECODE,
      storeOverBytes: storeOverBytesOfPage(),
      signal,
      onProgress: ({ done, total }) => store.getState().dataImportProgress(id, done, total),
    });
    const outcome = store.getState().finishDataImport(id, result, files.length);
    if (outcome.kind !== 'train') return;
    // The summary draws in one task, fitting and handing the set to the training worker in the next.
    await nextTask();
    const { keptImport, dataset } = store.getState();
    if (keptImport?.result === result && dataset === outcome.over) trainOnImport(store, keptImport);
  } catch (error) {
    store.getState().failDataImport(id, signal.aborted ? null : messageOf(error));
  }
}

/**
 * The run switches to the import (asking first when that discards trained weights): the config is fitted
 * to it as the Model panel shows it now, and the set is adapted from the kept copy.
 */
export function trainOnImport(store: PlaygroundStore, kept: KeptImport): void {
  const { draftConfig, chooseFittedDataset } = store.getState();
  const { set, ...fit } = fitImport(kept.result, draftConfig);
  // Adapted to another size or colour, the import's own pixels are not what the worker gets.
  const imported = kept.result.set.pixels;
  if (set.pixels !== imported && !isStored(imported)) releaseSpareCopy(imported);
  chooseFittedDataset({ kind: 'images', name: kept.name, set, heldOut: kept.result.heldOut }, fit);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
