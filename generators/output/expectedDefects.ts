import type { Defect } from '../defects/defectInjector.js';
import type { DefectName } from '../defects/defectTypes.js';
import type { GeneratorKind } from '../kinds/kindDefinition.js';
import type { ChunkedWriter } from './chunkedWriter.js';

/** One broken row of a fixture, as the sidecar file lists it. */
export interface ExpectedDefect {
  /** 0-based position of the row in the output. */
  index: number;
  /**
   * 1-based row number as the mock reports it: the data row of a CSV file (the header is not
   * counted), the line of a JSON Lines body, the element of a JSON array counted from 1.
   */
  row: number;
  defect: DefectName;
  /** The field the defect broke, named as the mock names it (`categories[0].name`). */
  field: string;
}

/** The sidecar `<out>.expected.json`: what a test should see reported, row by row. */
export interface ExpectedDefects {
  kind: GeneratorKind;
  seed: number;
  count: number;
  invalidRate: number;
  defects: ExpectedDefect[];
}

/**
 * Writes the sidecar as rows are generated, one defect per line, so that it needs no memory for
 * the list even when every one of millions of rows is broken.
 */
export class ExpectedDefectsWriter {
  private pending: string | null = null;
  private count = 0;

  constructor(
    private readonly writer: ChunkedWriter,
    head: Omit<ExpectedDefects, 'defects'>,
  ) {
    const { kind, seed, count, invalidRate } = head;
    // The head is far shorter than a chunk, so appending it never writes and never has to wait.
    void writer.append(`${JSON.stringify({ kind, seed, count, invalidRate }).slice(0, -1)},"defects":[\n`);
  }

  /** How many defects were listed. */
  get listed(): number {
    return this.count;
  }

  add(index: number, defect: Defect): void | Promise<void> {
    const entry: ExpectedDefect = { index, row: index + 1, defect: defect.name, field: defect.field };
    // Each entry is written when the next arrives, so the last one can go without a comma.
    const previous = this.pending;
    this.pending = JSON.stringify(entry);
    this.count++;
    if (previous !== null) return this.writer.append(`${previous},\n`);
  }

  async close(): Promise<void> {
    if (this.pending !== null) await this.writer.append(`${this.pending}\n`);
    await this.writer.append(']}\n');
    await this.writer.close();
  }
}
