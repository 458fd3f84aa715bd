import { parseConfig, type CpcConfig } from '../cpc/config';
import { BACKEND_CHOICES, type BackendChoice } from '../worker/protocol';

/** What the URL asks for: `?backend=wasm` and `?config={"batchSize":2,…}` (a partial config as JSON). */
export interface PageSettings {
  backend: BackendChoice;
  config: CpcConfig;
  /** Parts of the URL that were ignored, and why; shown on the page. */
  notes: string[];
}

export function readPageSettings(search: string): PageSettings {
  const params = new URLSearchParams(search);
  const notes: string[] = [];
  const rawBackend = params.get('backend');
  const backend = BACKEND_CHOICES.find((choice) => choice === rawBackend) ?? 'auto';
  if (rawBackend !== null && backend !== rawBackend)
    notes.push(`Unknown backend '${rawBackend}': using auto.`);
  const { config, issues } = parseConfig(readJson(params.get('config'), notes));
  for (const issue of issues) notes.push(`config.${issue.key} ignored: ${issue.reason}.`);
  return { backend, config, notes };
}

function readJson(text: string | null, notes: string[]): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    notes.push('The config parameter is not valid JSON: using the defaults.');
    return undefined;
  }
}
