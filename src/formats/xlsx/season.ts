/**
 * The season dashboard as a workbook (XLSX): one row per organisation with its state, due date, days late, the
 * findings of its frozen report, its cross-year flags, the application results and the year-over-year totals — what
 * the page lists, for a 主管部门 to file or sort. Numbers are numbers (not text), blanks stay empty.
 */
import ExcelJS from 'exceljs';
import { RESULT_GROUPS, type DashboardRow } from '../../app/season/dashboard.ts';
import { REPORT_STATE_LABELS } from '../../core/season/lifecycle.ts';

/** The workbook's bytes. Never throws (but exceljs). */
export async function seasonWorkbook(input: { year: number; rows: readonly DashboardRow[]; years: readonly number[] }): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai';
  const ws = wb.addWorksheet(`${input.year}年度报送情况`);
  const header = ['机关', '状态', '版本', '公布期限', '逾期天数', '报送时间', '错误', '警告', '跨年度核对', ...RESULT_GROUPS.map((g) => g.zh), ...input.years.map((y) => `${y}年新收申请`)];
  ws.addRow(header).font = { bold: true };
  for (const r of input.rows) {
    ws.addRow([
      r.name,
      REPORT_STATE_LABELS[r.state].zh,
      r.version,
      r.due,
      r.daysLate,
      r.submittedAt ?? null,
      r.errors,
      r.warnings,
      r.crossYear.map((f) => f.messageZh).join('\n') || null,
      ...RESULT_GROUPS.map((g) => r.results?.[g.key] ?? null),
      ...input.years.map((y) => r.totals.find((t) => t.year === y)?.value ?? null),
    ]);
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.getColumn(1).width = 32;
  ws.getColumn(9).width = 48;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
