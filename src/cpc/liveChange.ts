import { CONFIG_KEYS, FIELDS, parseField, type CpcConfig, type LiveConfig } from './config';
import { resolveGeometry } from './geometry';

export type LiveChangeCheck = { ok: true; change: LiveConfig } | { ok: false; reason: string };

/**
 * Checks a live change before the page sends it and again when it arrives over postMessage (so untyped
 * in practice), which is why it lives here, free of tfjs, and not in the worker: every key must be a
 * field that applies without a restart, every value must parse against its spec, and the config after
 * the change must still describe a trainable run (e.g. a smaller batch must still hold the negatives).
 */
export function checkLiveChange(current: CpcConfig, change: unknown): LiveChangeCheck {
  if (change === null || typeof change !== 'object' || Array.isArray(change)) {
    return { ok: false, reason: 'The change is not an object.' };
  }
  const accepted: Record<string, string | number> = {};
  for (const [key, raw] of Object.entries(change)) {
    if (!isConfigKey(key)) return { ok: false, reason: `Unknown field '${key}'.` };
    const spec = FIELDS[key];
    if (!spec.live)
      return { ok: false, reason: `'${key}' cannot change live: it needs a restart (new weights).` };
    const parsed = parseField(spec, raw);
    if (!parsed.ok) return { ok: false, reason: `'${key}': ${parsed.reason}.` };
    accepted[key] = parsed.value;
  }
  const next = { ...current, ...accepted } as CpcConfig;
  const { errors } = resolveGeometry(next);
  if (errors.length > 0) return { ok: false, reason: errors.join(' ') };
  return { ok: true, change: accepted as LiveConfig };
}

function isConfigKey(key: string): key is keyof CpcConfig {
  return (CONFIG_KEYS as string[]).includes(key);
}
