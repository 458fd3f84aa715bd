import { strToU8 } from 'fflate';
import { alignedZip, type ZipRecord } from './alignedZip';
import { PickleWriter } from './pickle';

/** A float32 tensor in row-major order, saved as a contiguous `torch.float32` CPU tensor. */
export class Float32Tensor {
  constructor(
    readonly shape: readonly number[],
    readonly values: Float32Array,
  ) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (size !== values.length)
      throw new RangeError(`Shape [${shape.join(', ')}] needs ${size} values, got ${values.length}`);
  }
}

/**
 * What `torch.save` can write here: None, bool, int (an integral number), float (any other number; use
 * `PythonFloat` for an integral float), str, list, dict (a plain object), `collections.OrderedDict` (a Map,
 * as a `state_dict` is) and float32 tensors.
 */
export type TorchValue =
  | null
  | boolean
  | number
  | PythonFloat
  | string
  | readonly TorchValue[]
  | ReadonlyMap<string, TorchValue>
  | Float32Tensor
  | { readonly [key: string]: TorchValue };

/** A number that must load as a Python float even when integral (1.0 rather than 1). */
export class PythonFloat {
  constructor(readonly value: number) {}
}

/** The top folder of the records; torch's reader takes whatever the first record names. */
const ARCHIVE = 'archive';
/** torch.save's zip format version (torch/csrc/jit/serialization: kProducedFileFormatVersion). */
const FILE_FORMAT_VERSION = '3';

/**
 * The bytes of a file that `torch.load(path)` reads back as `value` (and `torch.load(path,
 * weights_only=True)` too): torch's zip format with a pickle (protocol 2) in `data.pkl` whose tensors point
 * by key at raw little-endian storages in `data/<key>`, exactly as torch 1.13 and later write it.
 */
export function torchSave(value: TorchValue): Uint8Array {
  const storages: Float32Array[] = [];
  const pickle = new PickleWriter();
  writeValue(pickle, value, storages);
  const records: ZipRecord[] = [{ name: `${ARCHIVE}/data.pkl`, data: pickle.finish() }];
  storages.forEach((values, key) =>
    records.push({ name: `${ARCHIVE}/data/${key}`, data: littleEndianBytes(values) }),
  );
  records.push({ name: `${ARCHIVE}/version`, data: strToU8(`${FILE_FORMAT_VERSION}\n`) });
  // torch ≥ 2.1 reads it (and assumes the machine's own order where it is missing); older ones ignore it.
  records.push({ name: `${ARCHIVE}/byteorder`, data: strToU8('little') });
  return alignedZip(records);
}

function writeValue(pickle: PickleWriter, value: TorchValue, storages: Float32Array[]): void {
  if (value === null) pickle.none();
  else if (typeof value === 'boolean') pickle.bool(value);
  else if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) pickle.int(value);
    else pickle.float(value);
  } else if (typeof value === 'string') pickle.string(value);
  else if (value instanceof PythonFloat) pickle.float(value.value);
  else if (value instanceof Float32Tensor) writeTensor(pickle, value, storages);
  else if (value instanceof Map) {
    pickle.global('collections', 'OrderedDict').emptyTuple().reduce();
    writeItems(pickle, [...value.entries()], storages);
  } else if (Array.isArray(value)) {
    pickle.emptyList().mark();
    for (const item of value as readonly TorchValue[]) writeValue(pickle, item, storages);
    pickle.appends();
  } else {
    pickle.emptyDict();
    writeItems(pickle, Object.entries(value as { [key: string]: TorchValue }), storages);
  }
}

function writeItems(pickle: PickleWriter, items: [string, TorchValue][], storages: Float32Array[]): void {
  pickle.mark();
  for (const [key, item] of items) {
    pickle.string(key);
    writeValue(pickle, item, storages);
  }
  pickle.setItems();
}

/**
 * `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, backward_hooks)`, the
 * storage given as the persistent id ('storage', torch.FloatStorage, key, 'cpu', numel).
 */
function writeTensor(pickle: PickleWriter, tensor: Float32Tensor, storages: Float32Array[]): void {
  const key = String(storages.length);
  storages.push(tensor.values);
  pickle.global('torch._utils', '_rebuild_tensor_v2').mark();
  pickle.mark().string('storage').global('torch', 'FloatStorage').string(key).string('cpu');
  pickle.int(tensor.values.length).tupleFromMark().persistentId();
  pickle.int(0).intTuple(tensor.shape).intTuple(rowMajorStrides(tensor.shape)).bool(false);
  pickle.global('collections', 'OrderedDict').emptyTuple().reduce();
  pickle.tupleFromMark().reduce();
}

function rowMajorStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}

/** Storages are little-endian, which every platform tfjs runs on uses natively. */
function littleEndianBytes(values: Float32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}
