// RFC 4180 CSV, read and written. Spreadsheets export CSV in ways the RFC allows and some it
// does not, so the reader takes: a UTF-8 byte order mark, CRLF, LF or CR line ends, quoted values
// with commas, line breaks and doubled quotes inside, and a semicolon or tab as the separator
// (spreadsheets set to a language whose decimal mark is a comma write semicolons). It reports
// what it cannot read with the spreadsheet row (record) number rather than guessing.

import { type Problem, problem } from './problems';

export type Delimiter = ',' | ';' | '\t';

export interface CsvProblem {
  /** 1-based record number: the row a spreadsheet shows, header included. */
  readonly row: number;
  readonly problem: Problem;
}

export interface ParsedCsv {
  readonly delimiter: Delimiter;
  readonly rows: readonly (readonly string[])[];
  readonly problems: readonly CsvProblem[];
}

export const BOM = '\uFEFF';

/** The separator used in the first line outside quotes; a comma unless another is clearly used. */
export function detectDelimiter(text: string): Delimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as Delimiter]++;
  }
  const best = (Object.keys(counts) as Delimiter[]).sort((a, b) => counts[b] - counts[a])[0]!;
  return counts[best] > counts[','] ? best : ',';
}

export function parseCsv(
  input: string,
  delimiter: Delimiter = detectDelimiter(input.replace(/^\uFEFF/, '')),
): ParsedCsv {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const rows: string[][] = [];
  const problems: CsvProblem[] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      // A quoted value: runs to the next quote that is not doubled.
      const startRow = rows.length + 1;
      i++;
      let closed = false;
      while (i < text.length) {
        const c = text[i]!;
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          closed = true;
          i++;
          break;
        }
        // Line breaks inside a value become LF, whatever the file used.
        if (c === '\r') {
          field += '\n';
          i += text[i + 1] === '\n' ? 2 : 1;
          continue;
        }
        field += c;
        i++;
      }
      if (!closed) {
        problems.push({ row: startRow, problem: problem('csv-quote-open') });
        break;
      }
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
        problems.push({
          row: rows.length + 1,
          problem: problem('csv-text-after-quote'),
        });
        // Keep reading the rest of the value as plain text so later rows are still checked.
      }
      continue;
    }
    if (ch === delimiter) {
      endField();
      i++;
    } else if (ch === '\n' || ch === '\r') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      // A quote inside an unquoted value (5" ruler) is taken as written, as spreadsheets do.
      field += ch;
      i++;
    }
  }
  // The last line may or may not end with a line break; a final empty line is not a row.
  if (field !== '' || row.length > 0) endRow();
  return { delimiter, rows, problems };
}

function quote(value: string, delimiter: Delimiter): string {
  return /[",\r\n;\t]/.test(value) || value.includes(delimiter) || /^\s|\s$/.test(value)
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}

/**
 * Rows as CSV text: CRLF line ends as RFC 4180 says, and a byte order mark so that spreadsheet
 * programs read Urdu, Sindhi and accented South African names as UTF-8.
 */
export function formatCsv(rows: readonly (readonly string[])[], delimiter: Delimiter = ','): string {
  return BOM + rows.map((r) => r.map((v) => quote(v, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}
