import { describe, expect, it } from 'vitest';
import { backendBadgeText } from './backendBadgeText';

describe('backendBadgeText', () => {
  it('says the backend is not known yet before the worker is ready', () => {
    expect(backendBadgeText(null, 0)).toBe('Backend …');
  });
  it('names the backend before any step has been timed', () => {
    expect(backendBadgeText('wasm', 0)).toBe('WASM');
    expect(backendBadgeText('webgpu', Number.NaN)).toBe('WebGPU');
  });
  it('adds the measured milliseconds per step, rounded', () => {
    expect(backendBadgeText('wasm', 14.7)).toBe('WASM · 68 ms/step');
    expect(backendBadgeText('webgl', 2)).toBe('WebGL · 500 ms/step');
  });
});
