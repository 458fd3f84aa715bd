import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, DEFAULT_CONFIG, FIELDS, type CpcConfig } from '../../cpc/config';
import { liveDiff, pendingRestartKeys } from './configLogic';

describe('config logic', () => {
  it('sends each changed field either live or behind a restart, as its row says', () => {
    for (const key of CONFIG_KEYS) {
      const spec = FIELDS[key];
      const other =
        spec.type === 'enum'
          ? spec.options.find((option) => option !== DEFAULT_CONFIG[key])
          : spec.min !== DEFAULT_CONFIG[key]
            ? spec.min
            : spec.max;
      const draft = { ...DEFAULT_CONFIG, [key]: other } as CpcConfig;
      expect(Object.keys(liveDiff(DEFAULT_CONFIG, draft)), key).toEqual(spec.live ? [key] : []);
      expect(pendingRestartKeys(DEFAULT_CONFIG, draft), key).toEqual(spec.live ? [] : [key]);
    }
  });
});
