import { describe, expect, it } from 'vitest';
import { cameraFailureOf } from './cameraFailure';

describe('cameraFailureOf', () => {
  it("sorts getUserMedia's rejections by name", () => {
    const named = (name: string) => new DOMException('x', name);
    expect(cameraFailureOf(named('NotAllowedError'))).toBe('denied');
    expect(cameraFailureOf(named('SecurityError'))).toBe('denied');
    expect(cameraFailureOf(named('NotFoundError'))).toBe('missing');
    expect(cameraFailureOf(named('OverconstrainedError'))).toBe('missing');
    expect(cameraFailureOf(named('NotReadableError'))).toBe('busy');
    expect(cameraFailureOf({ name: 'NotAllowedError' })).toBe('denied');
    expect(cameraFailureOf(new TypeError('boom'))).toBe('other');
    expect(cameraFailureOf('a string')).toBe('other');
    expect(cameraFailureOf(null)).toBe('other');
  });
});
