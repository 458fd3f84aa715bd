/**
 * Turns what IndexedDB throws into a sentence the page can show as it is. Training never depends on
 * storage, so every message ends by saying the run goes on.
 */
export function storageMessage(error: unknown, action: string): string {
  const name = errorName(error);
  if (name === 'QuotaExceededError')
    return `Browser storage is full: could not ${action}. Delete old runs in the run list or turn autosave off; training goes on.`;
  if (name === 'SecurityError' || name === 'InvalidStateError' || name === 'UnavailableError')
    return `This browser refuses to keep data here (private mode or storage turned off): could not ${action}. Training goes on.`;
  const detail = error instanceof Error && error.message ? ` (${error.message})` : '';
  return `Could not ${action}${detail}. Training goes on.`;
}

/** An Error carrying the shown message, so callers can display `error.message` and keep the cause. */
export function storageError(error: unknown, action: string): Error {
  return new Error(storageMessage(error, action), { cause: error });
}

function errorName(error: unknown): string {
  if (error && typeof error === 'object' && 'name' in error && typeof error.name === 'string') {
    // Firefox reports a full disk as NS_ERROR_DOM_QUOTA_REACHED inside an AbortError's message.
    if ('message' in error && typeof error.message === 'string' && /quota/i.test(error.message))
      return 'QuotaExceededError';
    return error.name;
  }
  return '';
}
