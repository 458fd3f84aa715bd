import type { StateStorage } from 'zustand/middleware';

/**
 * The persist middleware writes after every store update, and the store updates ten times a second
 * while training (metrics). Only the preferences persist, and they rarely change: skip a write whose
 * text is the one last written or read under that key, so a metrics message never touches storage.
 */
export function writeOnChange(storage: StateStorage): StateStorage {
  const known = new Map<string, string>();
  return {
    getItem: (key) => {
      const value = storage.getItem(key);
      if (typeof value === 'string') known.set(key, value);
      return value;
    },
    setItem: (key, value) => {
      if (known.get(key) === value) return;
      known.set(key, value);
      return storage.setItem(key, value);
    },
    removeItem: (key) => {
      known.delete(key);
      return storage.removeItem(key);
    },
  };
}
