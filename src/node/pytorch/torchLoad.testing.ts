import { spawnSync } from 'node:child_process';

/**
 * Loads a file with `torch.load` in `python` and returns it as JSON: tensors become
 * {dtype, shape, stride, contiguous, values} (values flattened; float32 → Python float is exact, and so is
 * JSON's repr of it), OrderedDicts {"OrderedDict": [[key, value], ...]} so that their type and order show.
 */
export function torchLoadAsJson(python: string, file: string, weightsOnly: boolean): unknown {
  const script = `
import collections, json, sys, torch
def plain(x):
    if isinstance(x, torch.Tensor):
        return {"dtype": str(x.dtype), "shape": list(x.shape), "stride": list(x.stride()),
                "contiguous": x.is_contiguous(), "values": x.reshape(-1).tolist()}
    if isinstance(x, collections.OrderedDict):
        return {"OrderedDict": [[k, plain(v)] for k, v in x.items()]}
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [plain(v) for v in x]
    return x
kwargs = {"weights_only": True} if sys.argv[2] == "1" else {}
print(json.dumps(plain(torch.load(sys.argv[1], **kwargs))))
`;
  const run = spawnSync(python, ['-c', script, file, weightsOnly ? '1' : '0'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (run.status !== 0) throw new Error(`torch.load failed:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}
