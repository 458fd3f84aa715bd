import { spawnSync } from 'node:child_process';

/** Debian's python3-torch installs into the system Python, which another python3 may shadow on PATH. */
const PYTHONS = ['python3', '/usr/bin/python3'];

/** The first python3 that imports torch, or why there is none. */
export function findTorch(): { python: string; version: string } | { missing: string } {
  for (const python of PYTHONS) {
    const probe = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
    if (probe.status === 0) return { python, version: probe.stdout.trim() };
  }
  return {
    missing: `no python3 here imports torch (tried ${PYTHONS.join(', ')}; Debian: apt-get install python3-torch)`,
  };
}
