#!/usr/bin/env bash
# Packs what `npm run bench -- gpu` needs on an offline Linux x64 machine with an NVIDIA GPU into .gpu-carry/
# (gitignored, about 36 MB): the script bundled into one file with the tfjs wasm binaries beside it,
# dawn.node, this machine's node binary (the two compressed), and the Vulkan loader's .deb. With the
# repo (for scripts/bench/reference_cpc.py) it is all the device needs; run scripts/bench-gpu-device.sh
# there from the repo root. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.gpu-carry
rm -rf "$out"
mkdir -p "$out/node_modules/webgpu/dist/linux-x64" "$out/deb"

# tfjs-backend-wasm finds its .wasm files through __dirname, which an ES module lacks: define it.
banner="import { createRequire as __cr } from 'node:module'; import { dirname as __dn } from 'node:path';"
banner+=" import { fileURLToPath as __fu } from 'node:url'; const require = __cr(import.meta.url);"
banner+=" const __filename = __fu(import.meta.url); const __dirname = __dn(__filename);"
# The gpu mode alone, not the bench entry: the entry loads every mode (Playwright, Vite) on demand.
# Dawn keeps Node alive while its GPU object is referenced: exit when the run is done.
entry="import { run } from './scripts/bench/modes/gpu'; await run(process.argv.slice(2)); process.exit(0);"
echo "$entry" | npx esbuild --bundle --loader=ts --sourcefile=bench-gpu-entry.ts --platform=node \
  --format=esm --target=node20 --external:webgpu --outfile="$out/bench-gpu.mjs" --log-level=warning \
  "--banner:js=$banner"
cp node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm "$out/"

# The webgpu package resolves dawn.node next to its index.js; only linux-x64 travels.
cp node_modules/webgpu/index.js node_modules/webgpu/package.json "$out/node_modules/webgpu/"
xz -T0 -6 -c node_modules/webgpu/dist/linux-x64/dawn.node >"$out/node_modules/webgpu/dist/linux-x64/dawn.node.xz"
xz -T0 -6 -c "$(command -v node)" >"$out/node.xz"

# Dawn reaches the NVIDIA driver through the Vulkan loader, which GPU images often lack.
apt_opts=(-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/gpu-carry-apt)
mkdir -p /tmp/gpu-carry-apt/partial
if apt-get "${apt_opts[@]}" update >/dev/null && (cd "$out/deb" && apt-get "${apt_opts[@]}" download libvulkan1 >/dev/null); then
  echo "libvulkan1: $(ls "$out/deb")"
else
  echo "libvulkan1 could not be downloaded: the device needs its own Vulkan loader (ldconfig -p | grep libvulkan)"
fi
du -sh "$out"
