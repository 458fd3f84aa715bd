import { describe, expect, it } from 'vitest';
import { PickleWriter } from './pickle';
import { Float32Tensor, torchSave } from './torchSave';
import { readZipRecords } from './zipRecords.testing';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('PickleWriter', () => {
  it("writes {'a': 1} as protocol 2 with the opcodes CPython's pickle reads", () => {
    const bytes = new PickleWriter().emptyDict().mark().string('a').int(1).setItems().finish();
    // PROTO 2, EMPTY_DICT, MARK, BINUNICODE len=1 'a', BININT1 1, SETITEMS, STOP
    expect(hex(bytes)).toBe('80027d2858010000006' + '14b01752e');
  });

  it.each([
    [0, '4b00'],
    [255, '4bff'],
    [256, '4d0001'],
    [65535, '4dffff'],
    [65536, '4a00000100'],
    [-1, '4affffffff'],
    [2 ** 31, '8a050000008000'],
    [-(2 ** 31) - 1, '8a05ffffff7fff'],
  ])('writes the int %d in the shortest form (%s)', (value, expected) => {
    const bytes = new PickleWriter().int(value).finish();
    expect(hex(bytes.subarray(2, -1))).toBe(expected);
  });

  it('writes UTF-8 strings with their byte length, and doubles big-endian', () => {
    expect(hex(new PickleWriter().string('é').finish().subarray(2, -1))).toBe('5802000000c3a9');
    expect(hex(new PickleWriter().float(1).finish().subarray(2, -1))).toBe('473ff0000000000000');
  });

  it('closes tuples of up to three items with their own opcode, longer ones from a mark', () => {
    const body = (values: number[]) => hex(new PickleWriter().intTuple(values).finish().subarray(2, -1));
    expect(body([])).toBe('29');
    expect(body([7])).toBe('4b0785');
    expect(body([7, 8, 9])).toBe('4b074b084b0987');
    expect(body([1, 2, 3, 4])).toBe('284b014b024b034b0474');
  });

  it('refuses what a Python int cannot be given exactly', () => {
    expect(() => new PickleWriter().int(0.5)).toThrow(RangeError);
    expect(() => new PickleWriter().int(2 ** 53)).toThrow(RangeError);
  });
});

describe('torchSave', () => {
  it('pickles a tensor as torch.save does: _rebuild_tensor_v2 over a persistent FloatStorage', () => {
    const file = torchSave({ w: new Float32Tensor([2], Float32Array.of(1, 2)) });
    const records = readZipRecords(file);
    expect([...records.keys()]).toEqual([
      'archive/data.pkl',
      'archive/data/0',
      'archive/version',
      'archive/byteorder',
    ]);
    const pickle = records.get('archive/data.pkl') as Uint8Array;
    const ascii = Buffer.from(pickle).toString('latin1');
    // The whole pickle of {'w': tensor([1., 2.])}, opcode by opcode (what pickletools.dis shows for
    // torch.save's own file, without its memo puts).
    const expected = [
      '\x80\x02}(',
      'X\x01\x00\x00\x00w',
      'ctorch._utils\n_rebuild_tensor_v2\n(',
      '(X\x07\x00\x00\x00storage',
      'ctorch\nFloatStorage\n',
      'X\x01\x00\x00\x000',
      'X\x03\x00\x00\x00cpu',
      'K\x02tQ',
      'K\x00K\x02\x85K\x01\x85\x89',
      'ccollections\nOrderedDict\n)R',
      'tRu.',
    ].join('');
    expect(ascii).toBe(expected);
    expect([...new Float32Array((records.get('archive/data/0') as Uint8Array).slice().buffer)]).toEqual([
      1, 2,
    ]);
    expect(Buffer.from(records.get('archive/version') as Uint8Array).toString()).toBe('3\n');
  });

  it('refuses a tensor whose values do not fill its shape', () => {
    expect(() => new Float32Tensor([2, 2], new Float32Array(3))).toThrow(/needs 4 values/);
  });
});
