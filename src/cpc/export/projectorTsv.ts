/**
 * The two files of the TensorBoard Embedding Projector (projector.tensorflow.org → "Load"): one vector
 * per line, and the metadata of each vector on the matching line. The projector skips blank lines and
 * reads a header only when the first line has a tab, which is why metadata always has 2+ columns here.
 */

/** One metadata row: `label` is null for unlabelled data; `split` is e.g. 'train' or 'test'. */
export interface ProjectorRow {
  name: string;
  label: string | null;
  split?: string;
}

/** vectors: [rows, dim] row-major → tab-separated values, one row per line, no header. */
export function vectorsTsv(vectors: Float32Array, dim: number): string {
  if (!Number.isInteger(dim) || dim < 1 || vectors.length % dim !== 0) {
    throw new Error(`${vectors.length} values do not split into rows of ${dim}.`);
  }
  const lines: string[] = [];
  const row = new Array<string>(dim);
  for (let start = 0; start < vectors.length; start += dim) {
    for (let j = 0; j < dim; j++) row[j] = float32Text(vectors[start + j]);
    lines.push(row.join('\t'));
  }
  return lines.map((line) => `${line}\n`).join('');
}

/**
 * Header "name\tlabel" (plus "\tsplit" when any row has a split), then one line per row. Tabs and
 * line breaks inside values become spaces; a missing label or split is an empty cell.
 */
export function metadataTsv(rows: readonly ProjectorRow[]): string {
  const withSplit = rows.some((row) => row.split !== undefined);
  const header = withSplit ? ['name', 'label', 'split'] : ['name', 'label'];
  const lines = [header.join('\t')];
  rows.forEach((row, i) => {
    const cells = [row.name, row.label ?? ''];
    if (withSplit) cells.push(row.split ?? '');
    const line = cells.map(cell).join('\t');
    // The projector drops blank lines, which would shift every later row onto the wrong vector.
    if (line.trim() === '') throw new Error(`Metadata row ${i} is blank; give it a name.`);
    lines.push(line);
  });
  return lines.map((line) => `${line}\n`).join('');
}

function cell(value: string): string {
  return value.replace(/[\t\r\n]/g, ' ');
}

/** The shortest decimal that reads back as the same float32 (at most 9 significant digits). */
function float32Text(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  // If d digits read back exactly, so do d + 1 (the d-digit decimal is one of the candidates), so the
  // shortest length can be found by bisection: 3-4 tries instead of up to 9.
  let low = 1;
  let high = 9;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (Math.fround(Number(value.toPrecision(mid))) === value) high = mid;
    else low = mid + 1;
  }
  return String(Number(value.toPrecision(low)));
}
