import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../cpc/config';
import { readPageSettings } from './pageSettings';

describe('readPageSettings', () => {
  it('defaults to auto and the default config', () => {
    expect(readPageSettings('')).toEqual({ backend: 'auto', config: DEFAULT_CONFIG, notes: [] });
  });

  it('reads the backend and a partial JSON config', () => {
    const search = `?backend=wasm&config=${encodeURIComponent('{"batchSize":2,"imageSize":16}')}`;
    const settings = readPageSettings(search);
    expect(settings.backend).toBe('wasm');
    expect(settings.config).toEqual({ ...DEFAULT_CONFIG, batchSize: 2, imageSize: 16 });
    expect(settings.notes).toEqual([]);
  });

  it('notes what it ignored instead of failing', () => {
    const settings = readPageSettings(
      `?backend=cuda&config=${encodeURIComponent('{"batchSize":0,"foo":1}')}`,
    );
    expect(settings.backend).toBe('auto');
    expect(settings.config.batchSize).toBe(DEFAULT_CONFIG.batchSize);
    expect(settings.notes).toEqual([
      "Unknown backend 'cuda': using auto.",
      'config.batchSize ignored: outside [1, 256].',
      'config.foo ignored: unknown field.',
    ]);
    expect(readPageSettings('?config={oops').notes).toEqual([
      'The config parameter is not valid JSON: using the defaults.',
    ]);
  });
});
