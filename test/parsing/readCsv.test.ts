import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv, readCsv } from '../../mocks/parsing/parseCsv.js';

describe('reading an import CSV', () => {
  it('reads quoted fields with commas, quotes and newlines, CRLF line ends and a byte order mark', () => {
    const table = parseCsv('\ufeffid,title\r\n1,"Kubernetes, ""hands-on""\r\nday two"\r\n2,Excel\r\n');
    expect(table).toEqual({
      header: ['id', 'title'],
      rows: [
        { row: 1, cells: ['1', 'Kubernetes, "hands-on"\r\nday two'] },
        { row: 2, cells: ['2', 'Excel'] },
      ],
    });
  });

  it('skips blank lines and keeps ragged rows as they are', () => {
    expect(parseCsv('a,b\n\n1\n2,3,4\n').rows).toEqual([
      { row: 1, cells: ['1'] },
      { row: 2, cells: ['2', '3', '4'] },
    ]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(parseCsv('a,b\n1,5" screen\n').rows[0]!.cells).toEqual(['1', '5" screen']);
  });

  it('names the line and data row of a quoted field that is never closed', () => {
    const read = () => parseCsv('a,b\n1,ok\n2,"open\n3,more\n');
    expect(read).toThrow(CsvSyntaxError);
    try {
      read();
    } catch (error) {
      expect(error).toMatchObject({ line: 3, row: 2, message: expect.stringContaining('never closed') });
    }
  });

  it('stops when asked, without reading the rest', () => {
    const seen: number[] = [];
    readCsv('a\n1\n2\n3\n', (_cells, index) => {
      seen.push(index);
      return index < 1;
    });
    expect(seen).toEqual([0, 1]);
  });

  it('reads LF, CRLF and CR line ends alike, and a quoted LF in a CR file as text', () => {
    const rows = [
      { row: 1, cells: ['1', 'x'] },
      { row: 2, cells: ['2', 'y'] },
    ];
    for (const end of ['\n', '\r\n', '\r']) expect(parseCsv(`a,b${end}1,x${end}2,y${end}`).rows).toEqual(rows);
    expect(parseCsv('a,b\r1,"x\ny"\r').rows).toEqual([{ row: 1, cells: ['1', 'x\ny'] }]);
  });
});
