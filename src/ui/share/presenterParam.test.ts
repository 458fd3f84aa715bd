import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import { readPageSettings } from '../pageSettings';
import { createPlaygroundStore } from '../store/playgroundStore';
import { readPresenter, withPresenter } from './presenterParam';

const read = (search: string) => {
  const notes: string[] = [];
  return { value: readPresenter(new URLSearchParams(search), notes), notes };
};

describe('presenter=1 in the address', () => {
  it('turns the view on or off, or leaves it to the stored preference', () => {
    expect(read('?presenter=1')).toEqual({ value: true, notes: [] });
    expect(read('?presenter=0')).toEqual({ value: false, notes: [] });
    expect(read('?preset=quick')).toEqual({ value: null, notes: [] });
  });

  it('ignores anything else, and says so', () => {
    expect(read('?presenter=yes')).toEqual({
      value: null,
      notes: ['presenter=yes ignored: expected 1 or 0.'],
    });
  });

  it('is a known page parameter', () => {
    const settings = readPageSettings('?presenter=1&backend=wasm');
    expect(settings.presenter).toBe(true);
    expect(settings.notes).toEqual([]);
  });

  it('round-trips: writing the view into a query and reading it back gives the same view', () => {
    for (const on of [true, false]) {
      const search = withPresenter('?backend=wasm&hide=data,model', on);
      expect(read(search).value).toBe(on ? true : null);
      expect(readPageSettings(search).backend).toBe('wasm');
      expect(readPageSettings(search).lesson.hiddenPanels).toEqual(['data', 'model']);
    }
    expect(withPresenter('?presenter=1', false)).toBe('');
    expect(withPresenter('', true)).toBe('?presenter=1');
  });
});

describe('presenter view in the stored preferences', () => {
  const memoryStorage = () => {
    const storage = new Map<string, string>();
    return {
      storage,
      api: {
        getItem: (key: string) => storage.get(key) ?? null,
        setItem: (key: string, value: string) => void storage.set(key, value),
        removeItem: (key: string) => void storage.delete(key),
      },
    };
  };
  const init = {
    config: DEFAULT_CONFIG,
    backend: 'auto',
    dataset: { kind: 'synthetic', count: 8 },
  } as const;

  it('is off by default and survives a reload once turned on', () => {
    const { api } = memoryStorage();
    const first = createPlaygroundStore(init, api);
    expect(first.getState().presenter).toBe(false);
    first.getState().setPresenter(true);
    expect(createPlaygroundStore(init, api).getState().presenter).toBe(true);
  });

  it('drops a stored value that is not a boolean', () => {
    const { storage, api } = memoryStorage();
    storage.set('cpc-playground-ui', JSON.stringify({ state: { presenter: 'yes' }, version: 1 }));
    expect(createPlaygroundStore(init, api).getState().presenter).toBe(false);
  });
});
