import { strToU8 } from 'fflate';

/**
 * Hostile zips for tests, made from honest ones: a central-directory field rewritten after the fact, the
 * way a crafted file lies. Small on purpose; nothing here is committed as a fixture.
 */
const CENTRAL_SIGNATURE = 0x02014b50;
const FIELD_OFFSETS = { crc: 16, compressedSize: 20, size: 24 } as const;

/** A copy of `zip` whose directory record for `name` declares `value` in `field`. */
export function withCentralField(
  zip: Uint8Array,
  name: string,
  field: keyof typeof FIELD_OFFSETS,
  value: number,
): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const encoded = strToU8(name);
  for (let at = out.length - 46; at >= 0; at--) {
    if (view.getUint32(at, true) !== CENTRAL_SIGNATURE || view.getUint16(at + 28, true) !== encoded.length)
      continue;
    if (!encoded.every((byte, i) => out[at + 46 + i] === byte)) continue;
    view.setUint32(at + FIELD_OFFSETS[field], value, true);
    return out;
  }
  throw new Error(`no directory record for ${name}`);
}

/**
 * A zip of `count` one-byte stored files named `0.png`, `1.png`… written directly (fflate takes seconds
 * for 100,000). Like fflate and most writers without zip64, the end record's count wraps at 65,536.
 */
export function manyTinyFiles(count: number): Uint8Array {
  const names = Array.from({ length: count }, (_, i) => strToU8(`${i}.png`));
  const nameBytes = names.reduce((sum, name) => sum + name.length, 0);
  const out = new Uint8Array(count * (30 + 1 + 46) + 2 * nameBytes + 22);
  const view = new DataView(out.buffer);
  const ONE_BYTE_CRC = 0x8cdc1683; // CRC-32 of the byte 0x78 ('x')
  const offsets: number[] = [];
  let at = 0;
  names.forEach((name) => {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    view.setUint32(at + 14, ONE_BYTE_CRC, true);
    view.setUint32(at + 18, 1, true);
    view.setUint32(at + 22, 1, true);
    view.setUint16(at + 26, name.length, true);
    out.set(name, at + 30);
    out[at + 30 + name.length] = 0x78;
    at += 31 + name.length;
  });
  const directory = at;
  names.forEach((name, i) => {
    view.setUint32(at, CENTRAL_SIGNATURE, true);
    view.setUint32(at + 16, ONE_BYTE_CRC, true);
    view.setUint32(at + 20, 1, true);
    view.setUint32(at + 24, 1, true);
    view.setUint16(at + 28, name.length, true);
    view.setUint32(at + 42, offsets[i], true);
    out.set(name, at + 46);
    at += 46 + name.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, count & 0xffff, true);
  view.setUint16(at + 10, count & 0xffff, true);
  view.setUint32(at + 12, at - directory, true);
  view.setUint32(at + 16, directory, true);
  return out;
}
