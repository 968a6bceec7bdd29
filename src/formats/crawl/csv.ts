/**
 * RFC 4180 CSV → records, for crawled tables (one page per row). Quoted fields may hold commas, doubled quotes and
 * line breaks; records end with CRLF, LF or a lone CR; a leading BOM is dropped. Lines that are entirely empty
 * (outside quotes) are not records — as Python's csv.DictReader and pandas read them — so row numbers match the
 * numbers those tools give. Each record carries the line it starts on, for located messages. The scan is linear
 * (indexOf over quoted runs), so one 10 MB cell costs what 10 MB of text costs. Never throws.
 */
import { problem, type Problem } from '../../core/errors.ts';

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
}

export type CsvResult = { readonly ok: true; readonly records: readonly CsvRecord[] } | { readonly ok: false; readonly problem: Problem };

export interface CsvLimits {
  /** More records than this (the header included) is refused with `input.tooLarge`. */
  readonly maxRecords: number;
}

const countNewlines = (s: string): number => {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n += 1;
  // A lone CR (old Mac line ends) is a line break too.
  for (let i = s.indexOf('\r'); i >= 0; i = s.indexOf('\r', i + 1)) if (s[i + 1] !== '\n') n += 1;
  return n;
};

/**
 * Parse CSV text. `name` locates problems (`name:line`). Errors: `table.csvSyntax` (a quote that is never closed),
 * `input.tooLarge` (more than `limits.maxRecords` records).
 */
export function parseCsv(text: string, name: string, limits: CsvLimits = { maxRecords: Number.POSITIVE_INFINITY }): CsvResult {
  const n = text.length;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const records: CsvRecord[] = [];
  const delimiter = /[,\r\n]/g;
  while (pos < n) {
    const start = line;
    const fields: string[] = [];
    let blank = true;
    for (;;) {
      let value: string;
      if (text[pos] === '"') {
        blank = false;
        const open = line;
        let p = pos + 1;
        const parts: string[] = [];
        for (;;) {
          const q = text.indexOf('"', p);
          if (q < 0) {
            return {
              ok: false,
              problem: problem('table.csvSyntax', `${name}:${open}`, { zh: `第 ${open} 行的引号没有闭合`, en: `the quote opened on line ${open} is never closed` }, { line: open }),
            };
          }
          parts.push(text.slice(p, q));
          if (text[q + 1] === '"') {
            parts.push('"');
            p = q + 2;
            continue;
          }
          p = q + 1;
          break;
        }
        value = parts.join('');
        line += countNewlines(value);
        pos = p;
        // Text between the closing quote and the next delimiter is not RFC 4180; keep it rather than lose it.
        delimiter.lastIndex = pos;
        const m = delimiter.exec(text);
        const end = m ? m.index : n;
        if (end > pos) value += text.slice(pos, end);
        pos = end;
      } else {
        delimiter.lastIndex = pos;
        const m = delimiter.exec(text);
        const end = m ? m.index : n;
        value = text.slice(pos, end);
        if (end > pos) blank = false;
        pos = end;
      }
      fields.push(value);
      if (pos >= n) break;
      const c = text[pos];
      if (c === ',') {
        blank = false;
        pos += 1;
        continue;
      }
      pos += c === '\r' && text[pos + 1] === '\n' ? 2 : 1;
      line += 1;
      break;
    }
    if (blank) continue;
    records.push({ line: start, fields });
    if (records.length > limits.maxRecords) {
      return {
        ok: false,
        problem: problem('input.tooLarge', name, { zh: `超过 ${limits.maxRecords - 1} 行`, en: `over ${limits.maxRecords - 1} rows` }, { maxRows: limits.maxRecords - 1 }),
      };
    }
  }
  return { ok: true, records };
}
