/** Debian's Chromium when present (this machine cannot download Playwright's browsers). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** WebGPU on (SwiftShader where there is no GPU), and nothing that reaches the network. */
export const CHROMIUM_FLAGS = [
  '--enable-unsafe-webgpu',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
