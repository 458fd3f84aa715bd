import { describe, expect, it } from 'vitest';
import { loaderFromLdconfig, noWebGpuLine, type NoWebGpu } from './webgpuNode';

const noAdapter = (
  vulkan: { loader: string | null; icds: string[] } | null,
  flags: string[] = [],
): NoWebGpu => ({
  found: false,
  why: 'no-adapter',
  platform: vulkan === null ? 'darwin' : 'linux',
  flags,
  vulkan,
});

describe('noWebGpuLine', () => {
  it('says that there is no adapter and nothing to time, and why, on a machine without a Vulkan loader', () => {
    const line = noWebGpuLine(noAdapter({ loader: null, icds: [] }));
    expect(line).toMatch(/^no WebGPU adapter found: Dawn offered none\. /);
    expect(line).toContain('Vulkan loader: missing (libvulkan.so.1); ICDs: none');
    expect(line).toContain('Debian: libvulkan1');
    expect(line).toContain("Debian 12's lavapipe is too old for Dawn");
    expect(line).toMatch(/; nothing to time$/);
    expect(line).not.toContain('\n');
  });

  it('lists the ICDs it saw, and with an NVIDIA one points at the driver instead', () => {
    const lavapipe = noWebGpuLine(
      noAdapter({
        loader: '/lib/x86_64-linux-gnu/libvulkan.so.1',
        icds: ['/usr/share/vulkan/icd.d/lvp_icd.x86_64.json'],
      }),
    );
    expect(lavapipe).toContain(
      'Vulkan loader: /lib/x86_64-linux-gnu/libvulkan.so.1; ICDs: /usr/share/vulkan/icd.d/lvp_icd.x86_64.json',
    );
    expect(lavapipe).toContain('lavapipe is too old');
    const nvidia = noWebGpuLine(
      noAdapter({ loader: '/lib/libvulkan.so.1', icds: ['/etc/vulkan/icd.d/nvidia_icd.json'] }),
    );
    expect(nvidia).toContain('the NVIDIA ICD is there: check that the driver answers (nvidia-smi)');
    expect(nvidia).not.toContain('lavapipe');
  });

  it('names the Dawn flags it was given, and says nothing about Vulkan off Linux', () => {
    expect(noWebGpuLine(noAdapter(null, ['adapter=foo']))).toBe(
      'no WebGPU adapter found: Dawn with adapter=foo offered none; nothing to time',
    );
  });

  it('says when the webgpu package itself is missing', () => {
    const line = noWebGpuLine({ found: false, why: 'no-package', error: "Cannot find package 'webgpu'" });
    expect(line).toMatch(
      /^the npm package "webgpu" \(Dawn for Node\) could not be loaded \(Cannot find package 'webgpu'\)/,
    );
    expect(line).toContain('node_modules/webgpu');
    expect(line).toMatch(/nothing to time$/);
  });
});

describe('loaderFromLdconfig', () => {
  it('finds libvulkan.so.1 in the linker cache listing, or null', () => {
    const listing = [
      '123 libs found in cache `/etc/ld.so.cache`',
      '\tlibvulkan.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libvulkan.so.1',
      '\tlibvulkan.so (libc6,x86-64) => /lib/x86_64-linux-gnu/libvulkan.so',
    ].join('\n');
    expect(loaderFromLdconfig(listing)).toBe('/lib/x86_64-linux-gnu/libvulkan.so.1');
    expect(loaderFromLdconfig('\tlibz.so.1 (libc6,x86-64) => /lib/libz.so.1')).toBeNull();
  });
});
