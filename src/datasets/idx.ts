/**
 * Reads IDX, the plain binary format of MNIST and Fashion-MNIST: two zero bytes, a type byte, a
 * dimension count, one big-endian uint32 per dimension, then the values row-major.
 */
const UNSIGNED_BYTE = 0x08;

export function parseIdx(bytes: Uint8Array): { dims: number[]; data: Uint8Array } {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0)
    throw new Error('Not an IDX file: bad magic number.');
  if (bytes[2] !== UNSIGNED_BYTE) {
    throw new Error(`IDX value type 0x${bytes[2].toString(16)} is not supported (only unsigned bytes).`);
  }
  const rank = bytes[3];
  const header = 4 + 4 * rank;
  if (bytes.length < header) throw new Error('IDX file is truncated inside its header.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const values = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== header + values) {
    throw new Error(`IDX file holds ${bytes.length - header} values, its header promises ${values}.`);
  }
  return { dims, data: bytes.subarray(header) };
}
