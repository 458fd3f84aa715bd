import { spawnSync } from 'node:child_process';

/** Debian's python3-torch installs into the system Python, which another python3 may shadow on PATH. */
const PYTHONS = ['python3', '/usr/bin/python3'];

/** Finds torch and reads its version without importing it (an import alone takes seconds). */
const PROBE = [
  'import importlib.util as u, importlib.metadata as m, sys',
  'sys.exit(1) if u.find_spec("torch") is None else print(m.version("torch"))',
].join('\n');

/**
 * The first python3 that has torch, or why there is none. Under CI (`CI` set) a missing torch throws:
 * .ci/run installs it, so the PyTorch tests must run there rather than pass as skipped.
 */
export function findTorch(): { python: string; version: string } | { missing: string } {
  for (const python of PYTHONS) {
    const probe = spawnSync(python, ['-c', PROBE], { encoding: 'utf8' });
    if (probe.status === 0) return { python, version: probe.stdout.trim() };
  }
  const missing = `no python3 here has torch (tried ${PYTHONS.join(', ')}; Debian: apt-get install python3-torch python3-pil)`;
  if (process.env.CI) throw new Error(`${missing}; CI must run the PyTorch tests`);
  return { missing };
}
