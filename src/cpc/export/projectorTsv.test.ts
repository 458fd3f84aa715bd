import { describe, expect, it } from 'vitest';
import { createRng } from '../random';
import { metadataTsv, vectorsTsv } from './projectorTsv';

describe('vectorsTsv', () => {
  it('writes one tab-separated row per line in the shortest exact form', () => {
    const vectors = Float32Array.of(0.5, -1, 0.1, 1e-7, 3, 100, 0, -2.5, 123456.7890625);
    expect(vectorsTsv(vectors, 3)).toBe('0.5\t-1\t0.1\n' + '1e-7\t3\t100\n' + '0\t-2.5\t123456.79\n');
  });

  it('round-trips every float32 exactly', () => {
    const rng = createRng(7);
    const dim = 16;
    const vectors = Float32Array.from({ length: 50 * dim }, () => rng.normal() * 10 ** (rng.int(12) - 6));
    const lines = vectorsTsv(vectors, dim).split('\n');
    expect(lines.pop()).toBe(''); // a final newline, which the projector skips
    expect(lines).toHaveLength(50);
    for (const line of lines) expect(line.split('\t')).toHaveLength(dim);
    const parsed = Float32Array.from(lines.flatMap((line) => line.split('\t')).map(Number));
    expect(Array.from(parsed)).toEqual(Array.from(vectors));
  });

  it('rejects a length that is not a whole number of rows', () => {
    expect(() => vectorsTsv(new Float32Array(5), 2)).toThrow(/rows of 2/);
    expect(() => vectorsTsv(new Float32Array(4), 0)).toThrow();
  });
});

describe('metadataTsv', () => {
  it('writes a name/label header and one line per row, blanking missing labels', () => {
    const tsv = metadataTsv([
      { name: 'train 0', label: 'cat' },
      { name: 'train 1', label: null },
    ]);
    expect(tsv).toBe('name\tlabel\n' + 'train 0\tcat\n' + 'train 1\t\n');
  });

  it('adds a split column when rows have one', () => {
    const tsv = metadataTsv([
      { name: 'a', label: '3', split: 'train' },
      { name: 'b', label: '5', split: 'test' },
    ]);
    expect(tsv).toBe('name\tlabel\tsplit\n' + 'a\t3\ttrain\n' + 'b\t5\ttest\n');
  });

  it('replaces tabs and line breaks inside values by spaces', () => {
    const tsv = metadataTsv([{ name: 'x\ty', label: 'two\nlines\r', split: 'te\tst' }]);
    expect(tsv).toBe('name\tlabel\tsplit\n' + 'x y\ttwo lines \tte st\n');
  });

  it('has rows + 1 lines, each with the header’s column count', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({
      name: `image ${i}`,
      label: i % 3 === 0 ? null : `class\t${i % 4}`,
      split: i < 15 ? 'train' : 'test',
    }));
    const lines = metadataTsv(rows).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(21);
    for (const line of lines) expect(line.split('\t')).toHaveLength(3);
  });

  it('refuses a blank row, which the projector would drop and so misalign the rest', () => {
    expect(() => metadataTsv([{ name: ' ', label: null }])).toThrow(/row 0 is blank/);
  });
});
