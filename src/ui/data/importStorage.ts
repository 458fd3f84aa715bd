import { testHooksWanted } from '../training/trainingTestHooks';

/** With the test hooks on, `?storeImports` keeps every import on disk, however small (e2e only). */
export const STORE_IMPORTS_TEST_PARAM = 'storeImports';

/**
 * The size from which this page keeps an import on disk: undefined for the importer's own threshold
 * (STORE_OVER_BYTES), 0 under the e2e switch, so that small test folders take the large imports' path.
 */
export function storeOverBytesOfPage(): number | undefined {
  if (typeof location === 'undefined' || !testHooksWanted(location.search)) return undefined;
  return new URLSearchParams(location.search).has(STORE_IMPORTS_TEST_PARAM) ? 0 : undefined;
}
