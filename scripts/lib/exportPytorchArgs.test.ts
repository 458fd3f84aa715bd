import { describe, expect, it } from 'vitest';
import { parseExportPytorchArgs } from './exportPytorchArgs';

describe('parseExportPytorchArgs', () => {
  it('takes the checkpoint and --out in either order', () => {
    expect(parseExportPytorchArgs(['run.zip', '--out', 'dir'])).toEqual({
      checkpoint: 'run.zip',
      out: 'dir',
    });
    expect(parseExportPytorchArgs(['--out', 'dir', 'run.zip'])).toEqual({
      checkpoint: 'run.zip',
      out: 'dir',
    });
    expect(parseExportPytorchArgs(['run.zip'])).toEqual({ checkpoint: 'run.zip', out: null });
  });

  it.each([
    [[], /exactly one checkpoint/],
    [['a.zip', 'b.zip'], /exactly one checkpoint/],
    [['a.zip', '--out'], /argument missing/],
    [['a.zip', '--zip'], /Unknown option '--zip'/],
  ])('%j is refused', (argv, message) => {
    expect(() => parseExportPytorchArgs(argv)).toThrow(message);
  });
});
