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
