/**
 * WebGPU in Node for tfjs, through Dawn's Node build (the npm package `webgpu`), for the gpu mode of
 * the bench (scripts/bench/modes/gpu.ts).
 * Dawn needs a GPU driver it can reach: on Linux the Vulkan loader (libvulkan.so.1) and the driver's ICD
 * file (NVIDIA's nvidia_icd.json). Debian 12's lavapipe is too old for Dawn, so a machine without a GPU
 * gets no adapter: the script then says why and has nothing to time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { installWebGpuColumns } from '../../src/cpc/ops/webgpu/columnsKernels';
import { installWebGpuFlatKernels } from '../../src/cpc/ops/webgpu/flatKernels';
import { installWebGpuMatMul } from '../../src/cpc/ops/webgpu/matMulKernel';
import { installWebGpuLayerNorm } from '../../src/cpc/ops/webgpu/layerNormKernels';
import { installChunkedAddN } from '../../src/worker/webgpuAddN';
import { verifyOwnKernels } from '../../src/worker/webgpuOwnKernels';
import type { StartedBackend } from './nodeCell';

/** What a Linux machine offers Dawn's Vulkan backend. */
export interface VulkanFiles {
  /** Where libvulkan.so.1 is, or null when the dynamic linker does not know it. */
  loader: string | null;
  /** The ICD files found (VK_DRIVER_FILES / VK_ICD_FILENAMES, else the standard folders). */
  icds: string[];
}

export type WebGpuSetup =
  | { found: true; gpu: GPU; adapter: string; fallback: boolean }
  | { found: false; why: 'no-package'; error: string }
  | { found: false; why: 'no-adapter'; platform: string; flags: string[]; vulkan: VulkanFiles | null };

export type NoWebGpu = Extract<WebGpuSetup, { found: false }>;

/** The one line the script prints (and stores) when there is no WebGPU to time. */
export function noWebGpuLine(setup: NoWebGpu): string {
  if (setup.why === 'no-package')
    return (
      `the npm package "webgpu" (Dawn for Node) could not be loaded (${setup.error}); install it ` +
      '(it is a devDependency: npm install) or carry node_modules/webgpu with its dist/<platform>/dawn.node; ' +
      'nothing to time'
    );
  const flags = setup.flags.length > 0 ? ` with ${setup.flags.join(' ')}` : '';
  return `no WebGPU adapter found: Dawn${flags} offered none${vulkanHint(setup)}; nothing to time`;
}

function vulkanHint(setup: Extract<NoWebGpu, { why: 'no-adapter' }>): string {
  if (setup.platform !== 'linux' || setup.vulkan === null) return '';
  const { loader, icds } = setup.vulkan;
  const found = `. Vulkan loader: ${loader ?? 'missing (libvulkan.so.1)'}; ICDs: ${icds.length > 0 ? icds.join(', ') : 'none'}`;
  const advice = icds.some((icd) => /nvidia/i.test(icd))
    ? 'the NVIDIA ICD is there: check that the driver answers (nvidia-smi) and matches it'
    : "Dawn needs the Vulkan loader (Debian: libvulkan1) and a GPU driver's ICD (NVIDIA: nvidia_icd.json; " +
      "VK_DRIVER_FILES may point at it); Debian 12's lavapipe is too old for Dawn";
  return `${found}. ${advice}`;
}

/** Where `ldconfig -p` says libvulkan.so.1 is, or null. */
export function loaderFromLdconfig(listing: string): string | null {
  const line = listing.split('\n').find((l) => /^\s*libvulkan\.so\.1\s/.test(l));
  return line?.split('=>')[1]?.trim() ?? null;
}

const ICD_FOLDERS = ['/usr/share/vulkan/icd.d', '/etc/vulkan/icd.d', '/usr/local/share/vulkan/icd.d'];

function vulkanFiles(): VulkanFiles {
  const ldconfig = spawnSync('ldconfig', ['-p'], { encoding: 'utf8' });
  const listed = (process.env.VK_DRIVER_FILES ?? process.env.VK_ICD_FILENAMES ?? '')
    .split(':')
    .filter(Boolean);
  const icds =
    listed.length > 0
      ? listed.filter((file) => existsSync(file))
      : ICD_FOLDERS.filter((folder) => existsSync(folder)).flatMap((folder) =>
          readdirSync(folder).map((name) => join(folder, name)),
        );
  return { loader: ldconfig.status === 0 ? loaderFromLdconfig(ldconfig.stdout) : null, icds };
}

/** Loads Dawn and asks it for an adapter (high-performance, as tfjs does). */
export async function findWebGpu(flags: readonly string[]): Promise<WebGpuSetup> {
  let dawn: typeof import('webgpu');
  try {
    dawn = await import('webgpu');
  } catch (error) {
    return { found: false, why: 'no-package', error: error instanceof Error ? error.message : String(error) };
  }
  Object.assign(globalThis, dawn.globals);
  const gpu = dawn.create([...flags]);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    const vulkan = process.platform === 'linux' ? vulkanFiles() : null;
    return { found: false, why: 'no-adapter', platform: process.platform, flags: [...flags], vulkan };
  }
  const { vendor, architecture, device, description } = adapter.info;
  const name = [vendor, architecture, device, description].filter(Boolean).join(' ') || 'unnamed adapter';
  return { found: true, gpu, adapter: name, fallback: adapter.info.isFallbackAdapter };
}

/**
 * Registers tfjs' webgpu backend on Dawn: the backend registers itself on import only where
 * navigator.gpu exists, so navigator comes first and the import after it. Uncaptured GPU errors go
 * to `onGpuError` (tfjs installs no handler; a failed validation drops a whole command buffer).
 */
export async function registerTfjsWebGpu(
  { gpu, adapter }: { gpu: GPU; adapter: string },
  onGpuError: (message: string) => void,
): Promise<(backend: string) => Promise<StartedBackend>> {
  const navigator = (globalThis as { navigator?: object }).navigator;
  if (navigator) Object.defineProperty(navigator, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  await import('@tensorflow/tfjs-backend-webgpu');
  installChunkedAddN();
  installWebGpuColumns();
  installWebGpuMatMul();
  installWebGpuFlatKernels();
  installWebGpuLayerNorm();
  tf.env().set('PROD', true);
  let watched: GPUDevice | null = null;
  return async (backend) => {
    if (backend !== 'webgpu' || !(await tf.setBackend('webgpu')))
      return { ranOn: tf.getBackend(), detail: '' };
    await tf.ready();
    const device = (tf.backend() as WebGPUBackend).device;
    if (device !== watched) {
      device.onuncapturederror = (event) => onGpuError(event.error.message);
      watched = device;
    }
    const checked = await verifyOwnKernels(device); // switches off any of ours that fail here
    return { ranOn: 'webgpu', detail: `webgpu on ${adapter} (Dawn, Node ${process.version}), ${checked}` };
  };
}
