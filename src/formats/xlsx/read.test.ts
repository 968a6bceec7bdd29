import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { placeCells, tableLayout } from '../../core/annual-report/layout.ts';
import { emptyReport, withCell, type AnnualReport, type Cell } from '../../core/annual-report/model.ts';
import { parseReportJson } from '../../core/annual-report/parse.ts';
import { reportToJson } from '../../core/annual-report/serialize.ts';
import { TABLE_KEYS, TEMPLATES, TEMPLATE_IDS, tableCells, type CellDef, type TemplateId } from '../../core/annual-report/templates/index.ts';
import { renderDocx } from '../docx/render.ts';
import { readXlsx } from './read.ts';
import { TABLE_SHEETS, gridToSheet } from './shape.ts';
import { renderXlsx } from './write.ts';

const demoDir = new URL('../../../demo/reports/', import.meta.url);
const demos = readdirSync(demoDir).filter((n) => n.endsWith('.json')).sort();

function demo(name: string): AnnualReport {
  const parsed = parseReportJson(readFileSync(new URL(name, demoDir), 'utf8'));
  assert.ok(parsed.ok, name);
  return parsed.report;
}

async function roundTrip(report: AnnualReport): Promise<void> {
  const back = await readXlsx(await renderXlsx(report));
  assert.ok(back.ok, back.ok ? '' : JSON.stringify(back.problems, null, 1));
  assert.deepStrictEqual(reportToJson(back.report), reportToJson(report));
}

/** Rewrite one cell of a written workbook, as a user editing it in Excel would. */
async function edit(report: AnnualReport, path: string, value: ExcelJS.CellValue): Promise<{ bytes: Uint8Array; at: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await renderXlsx(report)) as unknown as ExcelJS.Buffer);
  const table = TABLE_KEYS.find((t) => path.startsWith(`${t}.`));
  assert.ok(table);
  const placed = placeCells(tableLayout(report, table)).find((p) => p.cell.kind === 'value' && p.cell.cell.path === path);
  assert.ok(placed, path);
  const { row, col } = gridToSheet(placed.row, placed.col);
  const ws = wb.getWorksheet(TABLE_SHEETS[table]);
  assert.ok(ws);
  ws.getCell(row, col).value = value;
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), at: `${ws.name}!${ws.getCell(row, col).address}` };
}

// Text that XML or a naive writer would mangle: \r, control characters, literal _xHHHH_ escapes, a lone surrogate.
const AWKWARD = '　　第一段_x000D_\r\n第二段\t\f\u0001 _x005F_ 😀 \uD800 结尾 ';

describe('readXlsx', () => {
  for (const name of demos) {
    it(`round-trips demo ${name} losslessly`, () => roundTrip(demo(name)));
  }

  for (const id of TEMPLATE_IDS) {
    it(`round-trips an empty ${id} report (blank stays null)`, () => roundTrip(emptyReport(id, id === '2019' ? 2020 : 2022, '某某县人民政府')));
  }

  it('round-trips narratives, awkward text, long text, null organization and annotations', async () => {
    const base = demo(demos.find((n) => n.startsWith('002')) ?? '');
    await roundTrip({
      ...base,
      organization: null,
      sections: { overview: AWKWARD, problems: '', otherMatters: '信息处理费：未收取。\n'.repeat(4000) },
      annotations: { sourceDefects: ['x_x0041_y', AWKWARD], n: 1.5, nested: { a: [null, true] } },
    });
  });

  it('round-trips random reports of both templates (property)', async () => {
    await fc.assert(fc.asyncProperty(arbitraryReport(), roundTrip), { numRuns: 100 });
  });

  it('refuses what is not an XLSX, or not ours, with xlsx.unreadable and never throws', async () => {
    const docx = await renderDocx(emptyReport('2021', 2021, null));
    const foreign = new ExcelJS.Workbook();
    foreign.addWorksheet('Sheet1').getCell('A1').value = '数据格式（schema）';
    const notOurs = new Uint8Array(await foreign.xlsx.writeBuffer());
    for (const bytes of [new Uint8Array(), new TextEncoder().encode('hello'), new Uint8Array([0x50, 0x4b, 3, 4, 1, 2]), docx, notOurs]) {
      const result = await readXlsx(bytes);
      assert.equal(result.ok, false);
      assert.ok(!result.ok && result.problems.every((p) => p.code === 'xlsx.unreadable'), JSON.stringify(result));
    }
  });

  it('locates a non-number typed into a value cell by sheet, address and report path', async () => {
    const report = emptyReport('2019', 2020, '某某县人民政府');
    const { bytes, at } = await edit(report, 'applications.granted.natural', '三件');
    assert.equal(at, '三 申请办理!D8');
    const result = await readXlsx(bytes);
    assert.ok(!result.ok);
    assert.equal(result.problems.length, 1);
    const [p] = result.problems;
    assert.equal(p?.code, 'report.cellCount');
    assert.equal(p?.at, at);
    assert.equal(p?.data?.path, 'applications.granted.natural');
    assert.match(p?.messageZh ?? '', /三件.*applications\.granted\.natural/);
  });

  it('reads cells as a user edits them: numbers, numeric text, “/” as not applicable, fractions refused', async () => {
    const report = emptyReport('2021', 2022, null);
    const read = async (path: string, value: ExcelJS.CellValue) => readXlsx((await edit(report, path, value)).bytes);
    const typed = await read('reviewLitigation.review.upheld', 7);
    assert.ok(typed.ok && (typed.report.reviewLitigation as any).review.upheld === 7, 'number');
    const text = await read('proactive.fees.amount', ' 12.5 ');
    assert.ok(text.ok && (text.report.proactive as any).fees.amount === 12.5, 'numeric text');
    const slash = await read('applications.total.total', '/');
    assert.ok(slash.ok && (slash.report.applications as any).total.total === null, '“/”');
    const formula = await read('applications.total.other', { formula: '1+2', result: 3 } as ExcelJS.CellFormulaValue);
    assert.ok(formula.ok && (formula.report.applications as any).total.other === 3, 'formula result');
    const { bytes, at } = await edit(report, 'applications.total.natural', 1.5);
    const fraction = await readXlsx(bytes);
    assert.ok(!fraction.ok, 'a fractional count is refused');
    assert.deepEqual(fraction.problems.map((p) => [p.code, p.at]), [['report.cellCount', at]]);
  });

  it('reports a table sheet that no longer matches the template', async () => {
    const report = emptyReport('2019', 2020, null);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await renderXlsx(report)) as unknown as ExcelJS.Buffer);
    wb.getWorksheet('四 复议诉讼')?.spliceRows(3, 1);
    const result = await readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
    assert.ok(!result.ok);
    assert.equal(result.problems[0]?.code, 'xlsx.unreadable');
    assert.match(result.problems[0]?.at ?? '', /^四 复议诉讼!/);
  });
});

/** Random reports: counts incl. negatives, amounts with ≤ 4 decimals, random nulls, null tables, variant columns. */
function arbitraryReport(): fc.Arbitrary<AnnualReport> {
  const count = fc.oneof(fc.constant(null), fc.integer({ min: -50, max: 3_000_000 }));
  const amount = fc.oneof(
    fc.constant(null),
    fc.tuple(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 0, max: 4 })).map(([n, d]) => n / 10 ** d),
  );
  const text = fc.option(fc.string({ unit: fc.constantFrom('政', '府', 'a', '_', 'x', '0', 'D', '\n', '\r', '\t', '　', '😀'), maxLength: 40 }));
  const cellFor = (c: CellDef): fc.Arbitrary<Cell> => (c.column.kind === 'amount' ? amount : count);
  const forTemplate = (id: TemplateId) => {
    const tables = TABLE_KEYS.map((t) => fc.option(fc.tuple(...tableCells(TEMPLATES[id], t).map(cellFor)), { freq: 4 }));
    return fc
      .record({
        year: fc.integer({ min: 2019, max: 2030 }),
        organization: text,
        tables: fc.tuple(...tables),
        variants: fc.boolean(),
        sections: fc.tuple(text, text, text),
      })
      .map(({ year, organization, tables: values, variants, sections: [overview, problems, otherMatters] }) => {
        let report: AnnualReport = { ...emptyReport(id, year, organization), sections: { overview, problems, otherMatters } };
        TABLE_KEYS.forEach((table, i) => {
          const cells = values[i];
          if (cells === null || cells === undefined) {
            report = { ...report, [table]: null };
            return;
          }
          tableCells(TEMPLATES[id], table).forEach((c, j) => {
            if (!c.column.variant || variants) report = withCell(report, c, cells[j] ?? null);
          });
        });
        return report;
      });
  };
  return fc.oneof(forTemplate('2019'), forTemplate('2021'));
}
