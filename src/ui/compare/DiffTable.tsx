import type { SavedRunSummary } from '../keep/savedRun';
import { comparisonTable, type ComparisonRow } from './comparisonRows';
import { runColour } from '../charts/chartStyle';

/** The runs side by side: what they are, the config fields that differ, and their last probes. */
export function DiffTable({ runs }: { runs: readonly SavedRunSummary[] }) {
  const table = comparisonTable(runs);
  return (
    <table className="compare-table" data-testid="compare-diff-table">
      <thead>
        <tr>
          <th scope="col">Run</th>
          {runs.map((run, i) => (
            <th key={run.id} scope="col">
              <span className="compare-swatch" style={{ background: runColour(i) }} aria-hidden="true" />
              {run.name}
            </th>
          ))}
        </tr>
      </thead>
      <Section title="About" rows={table.about} columns={runs.length} />
      <Section
        title="Config fields that differ"
        rows={table.config}
        columns={runs.length}
        empty="Every config field is the same."
      />
      <Section title="Last probe (test accuracy)" rows={table.probes} columns={runs.length} />
    </table>
  );
}

interface SectionProps {
  title: string;
  rows: ComparisonRow[];
  columns: number;
  empty?: string;
}

function Section({ title, rows, columns, empty }: SectionProps) {
  return (
    <tbody>
      <tr className="compare-section">
        <th scope="colgroup" colSpan={columns + 1}>
          {title}
        </th>
      </tr>
      {rows.length === 0 && empty && (
        <tr>
          <td colSpan={columns + 1} className="note">
            {empty}
          </td>
        </tr>
      )}
      {rows.map((row) => (
        <tr key={row.id} data-testid="compare-row" data-row={row.id}>
          <th scope="row" title={row.title}>
            {row.label}
          </th>
          {row.values.map((value, i) => (
            <td key={i}>{value}</td>
          ))}
        </tr>
      ))}
    </tbody>
  );
}
