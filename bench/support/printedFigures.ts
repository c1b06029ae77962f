/** Formatting for the benches' printed tables and target lines. */

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export const count = (n: number) => (Number.isFinite(n) ? whole.format(n) : '-');
export const ms = (n: number) =>
  Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : whole.format(n)) : '-';
export const ratio = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '-');
export const mib = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '-');

/** A plain text table: the columns named in `textColumns` left-aligned, figures right-aligned. */
export function table(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  textColumns: readonly number[] = [0],
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const left = (i: number) => textColumns.includes(i);
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (left(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

export function targetLine(check: TargetCheck): string {
  return `${check.met ? 'PASS' : 'MISS'}  ${check.target.padEnd(64)} measured ${check.measured}`;
}
