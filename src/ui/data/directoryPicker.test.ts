import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module: its refusal is page-wide state. */
const load = async () => {
  vi.resetModules();
  return import('./directoryPicker');
};

afterEach(() => vi.unstubAllGlobals());

describe('directoryPicker', () => {
  it('is null where the browser has no showDirectoryPicker', async () => {
    const { directoryPicker } = await load();
    expect(directoryPicker()).toBeNull();
  });

  it('calls the browser’s picker, until a refusal: then every folder picker uses its input', async () => {
    const show = vi.fn(async () => ({ name: 'photos' }));
    vi.stubGlobal('showDirectoryPicker', show);
    const { directoryPicker, markPickerRefused, PICKER_OPTIONS } = await load();
    expect(await directoryPicker()?.(PICKER_OPTIONS)).toEqual({ name: 'photos' });
    expect(show).toHaveBeenCalledWith(PICKER_OPTIONS);
    markPickerRefused();
    expect(directoryPicker()).toBeNull();
  });

  it('tells a closed picker from a refused one', async () => {
    const { isPickCancelled } = await load();
    expect(isPickCancelled(new DOMException('The user aborted a request.', 'AbortError'))).toBe(true);
    expect(isPickCancelled(new DOMException('Not allowed.', 'SecurityError'))).toBe(false);
    expect(isPickCancelled(new Error('AbortError'))).toBe(false);
  });
});
