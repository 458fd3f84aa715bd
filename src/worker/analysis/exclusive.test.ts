import { describe, expect, it } from 'vitest';
import { Exclusive } from './exclusive';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('Exclusive', () => {
  it('runs tasks one at a time in call order, even when they await midway, and survives a failure', async () => {
    const exclusive = new Exclusive();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = Promise.allSettled([
      exclusive.run(task('a')),
      exclusive.run(task('b', true)),
      exclusive.run(task('c')),
    ]);
    expect((await results).map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    await expect(exclusive.run(task('d'))).resolves.toBe('d');
  });
});
