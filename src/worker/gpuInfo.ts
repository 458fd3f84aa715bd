/**
 * What GPU a backend would run on, asked of the browser without tfjs: the worker uses it to skip software
 * GPUs, and the page to decide whether a second worker could find a faster backend at all (backendMove.ts).
 * Works in a worker and on the main thread alike.
 */
import type { BackendName } from './protocol';

export interface GpuProbe {
  /** Adapter or renderer, as the browser names it. */
  device: string;
  software: boolean;
}

/** null for the CPU backends; throws when the GPU API is missing. */
export async function probeGpu(name: BackendName): Promise<GpuProbe | null> {
  if (name === 'webgpu') return probeWebGpu();
  if (name === 'webgl') return probeWebGl();
  return null;
}

async function probeWebGpu(): Promise<GpuProbe> {
  if (!navigator.gpu) throw new Error('navigator.gpu is missing (WebGPU disabled or not a secure context)');
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('no WebGPU adapter');
  const { vendor, architecture, description, isFallbackAdapter } = adapter.info;
  const device = [vendor, architecture, description].filter(Boolean).join(' ') || 'unnamed adapter';
  return { device, software: isFallbackAdapter || isSoftwareName(device) };
}

function probeWebGl(): GpuProbe {
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) throw new Error('WebGL2 is not available');
  const debugInfo = gl.getExtension('WEBGL_debug_renderer_info');
  const device = String(gl.getParameter(debugInfo ? debugInfo.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  // Free the probe's context now: browsers cap live WebGL contexts and tfjs needs one of its own.
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { device, software: isSoftwareName(device) };
}

const SOFTWARE_NAMES = /swiftshader|llvmpipe|softpipe|software|basic render/i;

function isSoftwareName(device: string): boolean {
  return SOFTWARE_NAMES.test(device);
}

/** "SwiftShader" rather than ANGLE's whole renderer string, in the probe's already long line. */
export function shortName(device: string): string {
  return SOFTWARE_NAMES.exec(device)?.[0] ?? device;
}
