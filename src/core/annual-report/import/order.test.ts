import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TEMPLATES } from '../templates/index.ts';
import { importReportText } from './import-text.ts';
import { valueLines } from './order.ts';

const template = TEMPLATES['2021'];
const ROWS = template.applications.rows;
const COLUMNS = template.applications.columns.map((c) => c.key);

/** A consistent table 三: every row sums to its total, the results to （七）总计, and the balance holds. */
function table(blankRows: readonly string[] = []): Map<string, (number | null)[]> {
  const out = new Map<string, (number | null)[]>();
  const total = [0, 0, 0, 0, 0, 0];
  ROWS.forEach((r, i) => {
    if (r.level !== 'result' || r.isTotal) return;
    const key = r.path.join('.');
    const parts = blankRows.includes(key) ? [0, 0, 0, 0, 0, 0] : [(i * 7) % 11, i % 3, 0, i % 2, 0, (i * 5) % 4 + 1];
    parts.forEach((v, c) => (total[c] = (total[c] ?? 0) + v));
    out.set(key, blankRows.includes(key) ? parts.map(() => null).concat(null) : [...parts, parts.reduce((a, b) => a + b, 0)]);
  });
  const withTotal = (xs: number[]) => [...xs, xs.reduce((a, b) => a + b, 0)];
  const carriedOver = [3, 1, 0, 0, 0, 0];
  const carriedForward = [2, 0, 1, 0, 0, 0];
  out.set('total', withTotal(total));
  out.set('carriedOver', withTotal(carriedOver));
  out.set('carriedForward', withTotal(carriedForward));
  out.set('newReceived', withTotal(total.map((t, c) => t + (carriedForward[c] ?? 0) - (carriedOver[c] ?? 0))));
  return out;
}

const pipe = (values: readonly (number | null)[], labelColumn = false) => `| ${[...(labelColumn ? [''] : []), ...values.map((v) => (v === null ? '' : String(v)))].join(' | ')} |`;
const rule = (n: number) => `| ${Array.from({ length: n }, () => '---').join(' | ')} |`;

interface Converted {
  readonly dropped?: readonly string[];
  readonly interleaved?: boolean;
  readonly labelColumn?: boolean;
  readonly extraLines?: number;
}

/**
 * Table 三 as a PDF-to-Markdown converter prints it: the header words and labels as lines (two of them one character
 * per line), then the value rows in small pipe tables of four, with a page footer between two of them.
 */
function converted(values: Map<string, (number | null)[]>, options: Converted = {}): string {
  const header = ['申请人情况', '自然人', '法人或其他组织', '总计', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
  const labelOf = (r: (typeof ROWS)[number], i: number) => (i === 6 || i === 14 ? [...r.label].join('\n') : r.label);
  const keys = ROWS.map((r) => r.path.join('.'));
  const printed = keys.filter((k) => !(options.dropped ?? []).includes(k));
  const lines = ['三、收到和处理政府信息公开申请情况', '', ...header];
  if (!options.interleaved) lines.push(...ROWS.map(labelOf), '');
  for (let i = 0; i < printed.length; i += 4) {
    const chunk = printed.slice(i, i + 4);
    if (options.interleaved) {
      const from = i === 0 ? 0 : keys.indexOf(printed[i - 1] as string) + 1;
      lines.push(...ROWS.slice(from, keys.indexOf(chunk.at(-1) as string) + 1).map((r) => labelOf(r, ROWS.indexOf(r))), '');
    }
    const rows = chunk.map((k) => pipe(values.get(k) ?? [], options.labelColumn));
    lines.push(rows[0] as string, rule(COLUMNS.length + (options.labelColumn ? 1 : 0)), ...rows.slice(1), '');
    if (i === 8) lines.push('— 3 —', '');
  }
  for (let i = 0; i < (options.extraLines ?? 0); i += 1) lines.push(pipe(values.get('total') ?? []));
  lines.push('', '四、政府信息公开行政复议、行政诉讼情况', '', '本年度未发生。');
  return lines.join('\n');
}

const read = (text: string) => importReportText(text, { template: '2021', year: 2021, organization: '岭台县科学技术局' });

const cellOf = (report: ReturnType<typeof read>['report'], key: string, column: string): number | null => {
  let node: unknown = report.applications;
  for (const k of [...key.split('.'), column]) node = (node as Record<string, unknown> | null)?.[k];
  return typeof node === 'number' ? node : null;
};

describe('value rows printed apart from their labels (order alignment)', () => {
  it('places every row in the template order, says so in the provenance and a finding', () => {
    const values = table();
    const result = read(converted(values));
    for (const [key, row] of values) COLUMNS.forEach((c, i) => assert.equal(cellOf(result.report, key, c), row[i] ?? null, `${key}.${c}`));
    const placed = result.provenance.filter((p) => p.path.startsWith('applications.') && p.note === 'order');
    assert.equal(placed.length, ROWS.length * COLUMNS.length);
    assert.ok(placed.every((p) => p.how === 'read' && typeof p.offset === 'number'));
    assert.ok(result.findings.some((f) => f.code === 'import.ordered'));
  });

  it('reads the same when each piece of values follows its own labels, with an emptied label column and a page footer', () => {
    const values = table();
    const result = read(converted(values, { interleaved: true, labelColumn: true }));
    for (const [key, row] of values) COLUMNS.forEach((c, i) => assert.equal(cellOf(result.report, key, c), row[i] ?? null, `${key}.${c}`));
  });

  it('a dropped blank row: placements the equations cannot tell apart leave their cells null with candidates, never a wrong number', () => {
    const dropped = ['denied.internalAffairs'];
    const values = table(dropped);
    const result = read(converted(values, { dropped }));
    let ambiguous = 0;
    for (const [key, row] of values) {
      COLUMNS.forEach((c, i) => {
        const got = cellOf(result.report, key, c);
        if (got !== null) assert.equal(got, row[i], `${key}.${c} read ${got}, truth ${row[i]}`);
      });
    }
    // The rows outside the results block are fixed by T3.balance: a placement shifting them breaks it.
    for (const key of ['newReceived', 'carriedOver', 'total', 'carriedForward']) COLUMNS.forEach((c, i) => assert.equal(cellOf(result.report, key, c), values.get(key)?.[i] ?? null, `${key}.${c}`));
    for (const f of result.findings) if (f.code === 'import.ambiguous') ambiguous += 1;
    assert.ok(ambiguous > 0, 'the rows whose line the dropped row shifts are flagged');
    const flagged = result.provenance.find((p) => p.path === 'applications.denied.processInformation.natural');
    assert.equal(flagged?.value, null);
    assert.ok(flagged?.candidates?.includes(values.get('denied.processInformation')?.[0] ?? -1));
  });

  it('more value lines than rows: nothing is placed and nothing invented', () => {
    const values = table();
    const result = read(converted(values, { extraLines: 2 }));
    for (const [key, row] of values) COLUMNS.forEach((c, i) => {
      const got = cellOf(result.report, key, c);
      if (got !== null) assert.equal(got, row[i], `${key}.${c}`);
    });
    assert.ok(!result.findings.some((f) => f.code === 'import.ordered'));
  });

  it('a value line is a whole line of exactly the row width: no words, no rules or footers, no label line', () => {
    const body = ['| 1 | 2 | / |', '| --- | --- | --- |', '|  | 3 |  | 4 |', '— 3 —', '| 1 | 2 |', '合计 | 1 | 2 | 3 |', '5 6 7', '|  |  |  |'].join('\n');
    const lines = valueLines(body, 100, 3, true);
    assert.deepEqual(
      lines.map((l) => l.fields.map((f) => (f.kind === 'number' ? f.value : f.kind))),
      [[1, 2, 'notApplicable'], [3, 'blank', 4], [5, 6, 7], ['blank', 'blank', 'blank']],
    );
    assert.equal(lines[0]?.start, 100);
    assert.equal(lines[0]?.fields[1]?.offset, 100 + body.indexOf('2'));
    assert.deepEqual(valueLines(body, 100, 3, false).length, 3, 'the first line is the rest of a label line');
  });
});

describe('a column every row leaves empty (a spanning header in PDF text)', () => {
  it('is dropped from every row, so a blank first cell reads as a blank value, not as label padding', () => {
    const values = table();
    // The 商业企业 cell of one row is blank in the report; every row prints an empty cell after its second value.
    const blankRow = 'unavailable.stillUnclear';
    const row = values.get(blankRow) ?? [];
    values.set(blankRow, [null, ...row.slice(1, 6), row.slice(1, 6).reduce<number>((a, b) => a + (b ?? 0), 0)]);
    const lines = ROWS.map((r) => {
      const v = values.get(r.path.join('.')) ?? [];
      const cells = v.map((x) => (x === null ? '' : String(x)));
      return [r.label, ...cells.slice(0, 2), '', ...cells.slice(2)].join('\t');
    });
    const text = ['三、收到和处理政府信息公开申请情况', ...lines, '四、政府信息公开行政复议、行政诉讼情况', '本年度未发生。'].join('\n');
    const result = read(text);
    for (const [key, v] of values) COLUMNS.forEach((c, i) => assert.equal(cellOf(result.report, key, c), v[i] ?? null, `${key}.${c}`));
  });
});
