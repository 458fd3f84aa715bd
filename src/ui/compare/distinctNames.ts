/**
 * Runs named alike (default names are made to the minute) get " (2)", " (3)"… in order, so every line
 * of the legend and every table column can be told apart.
 */
export function withDistinctNames<T extends { name: string }>(runs: readonly T[]): T[] {
  const seen = new Map<string, number>();
  return runs.map((run) => {
    const count = (seen.get(run.name) ?? 0) + 1;
    seen.set(run.name, count);
    return count === 1 ? run : { ...run, name: `${run.name} (${count})` };
  });
}
