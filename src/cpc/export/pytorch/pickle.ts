import { strToU8 } from 'fflate';
/**
 * The few Python pickle opcodes (protocol 2) that `torch.save` itself emits for a dict of tensors, as a
 * byte builder: enough to write a `data.pkl` that `pickle.load` (and torch's restricted `weights_only`
 * unpickler) reads. Names follow CPython's `pickle.py`; no memo is written, as none is needed to load.
 */
const OP = {
  PROTO: 0x80,
  STOP: 0x2e, // .
  MARK: 0x28, // (
  GLOBAL: 0x63, // c
  REDUCE: 0x52, // R
  BINPERSID: 0x51, // Q
  TUPLE: 0x74, // t
  EMPTY_TUPLE: 0x29, // )
  TUPLE1: 0x85,
  TUPLE2: 0x86,
  TUPLE3: 0x87,
  EMPTY_DICT: 0x7d, // }
  SETITEMS: 0x75, // u
  EMPTY_LIST: 0x5d, // ]
  APPENDS: 0x65, // e
  NONE: 0x4e, // N
  NEWTRUE: 0x88,
  NEWFALSE: 0x89,
  BININT1: 0x4b, // K
  BININT2: 0x4d, // M
  BININT: 0x4a, // J
  LONG1: 0x8a,
  BINFLOAT: 0x47, // G
  BINUNICODE: 0x58, // X
} as const;

export class PickleWriter {
  private chunks: Uint8Array[] = [];
  private size = 0;

  constructor() {
    this.bytes(OP.PROTO, 2);
  }

  /** Ends the pickle and returns its bytes; the writer is spent. */
  finish(): Uint8Array {
    this.bytes(OP.STOP);
    const out = new Uint8Array(this.size);
    let offset = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  }

  /** Pushes `module.name` (a class or function), as `find_class` resolves it. */
  global(module: string, name: string): this {
    this.bytes(OP.GLOBAL);
    this.push(strToU8(`${module}\n${name}\n`));
    return this;
  }

  mark(): this {
    return this.bytes(OP.MARK);
  }

  /** Calls the callable below the top with the tuple on top. */
  reduce(): this {
    return this.bytes(OP.REDUCE);
  }

  /** Replaces the top (a tuple) with what the unpickler's `persistent_load` makes of it. */
  persistentId(): this {
    return this.bytes(OP.BINPERSID);
  }

  /** A tuple of the items since the last mark. */
  tupleFromMark(): this {
    return this.bytes(OP.TUPLE);
  }

  /** A tuple of small non-negative integers (a shape or a stride). */
  intTuple(values: readonly number[]): this {
    if (values.length > 3) this.mark();
    values.forEach((v) => this.int(v));
    const close = [OP.EMPTY_TUPLE, OP.TUPLE1, OP.TUPLE2, OP.TUPLE3][values.length] ?? OP.TUPLE;
    return this.bytes(close);
  }

  emptyTuple(): this {
    return this.bytes(OP.EMPTY_TUPLE);
  }

  emptyDict(): this {
    return this.bytes(OP.EMPTY_DICT);
  }

  /** Sets the key/value pairs pushed since the last mark on the dict below the mark. */
  setItems(): this {
    return this.bytes(OP.SETITEMS);
  }

  emptyList(): this {
    return this.bytes(OP.EMPTY_LIST);
  }

  /** Appends the items pushed since the last mark to the list below the mark. */
  appends(): this {
    return this.bytes(OP.APPENDS);
  }

  none(): this {
    return this.bytes(OP.NONE);
  }

  bool(value: boolean): this {
    return this.bytes(value ? OP.NEWTRUE : OP.NEWFALSE);
  }

  /** A Python int; any safe integer. */
  int(value: number): this {
    if (!Number.isSafeInteger(value)) throw new RangeError(`Not a safe integer: ${value}`);
    if (value >= 0 && value < 0x100) return this.bytes(OP.BININT1, value);
    if (value >= 0 && value < 0x10000) return this.bytes(OP.BININT2, value & 0xff, value >> 8);
    if (value >= -0x80000000 && value < 0x80000000) {
      const body = new Uint8Array(4);
      new DataView(body.buffer).setInt32(0, value, true);
      return this.bytes(OP.BININT).push(body);
    }
    const body = twosComplementLittleEndian(BigInt(value));
    return this.bytes(OP.LONG1, body.length).push(body);
  }

  /** A Python float (a double, big-endian as pickle has it). */
  float(value: number): this {
    const body = new Uint8Array(8);
    new DataView(body.buffer).setFloat64(0, value, false);
    return this.bytes(OP.BINFLOAT).push(body);
  }

  /** A Python str. */
  string(value: string): this {
    const utf8 = strToU8(value);
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, utf8.length, true);
    return this.bytes(OP.BINUNICODE).push(length).push(utf8);
  }

  private bytes(...values: number[]): this {
    return this.push(Uint8Array.from(values));
  }

  private push(chunk: Uint8Array): this {
    this.chunks.push(chunk);
    this.size += chunk.length;
    return this;
  }
}

/** The shortest little-endian two's complement bytes of `value`, as LONG1 takes them. */
function twosComplementLittleEndian(value: bigint): Uint8Array {
  const out: number[] = [];
  let rest = value;
  for (;;) {
    const byte = Number(rest & 0xffn);
    out.push(byte);
    rest >>= 8n;
    const signBit = (byte & 0x80) !== 0;
    if ((rest === 0n && !signBit) || (rest === -1n && signBit)) return Uint8Array.from(out);
  }
}
