/**
 * Findings of the validator: one per broken (or uncheckable) arithmetic or consistency rule of the annual report.
 * Rule codes and severities are those of spec/annual-report.md ("Arithmetic rules"); they live in RULES below.
 */

import { TABLE_KEYS, TABLE_NUMBER, TEMPLATE_IDS, TEMPLATES, tableCells } from './templates/index.ts';

export type Severity = 'error' | 'warning' | 'info';

export const RULES = {
  'T3.balance': { severity: 'error', zh: '勾稽关系：第一项加第二项之和应等于第三项加第四项之和', en: 'balance: new + carried over must equal total + carried forward' },
  'T3.results': { severity: 'error', zh: '办理结果各项之和应等于总计', en: 'the results must add up to the total' },
  'T3.columns': { severity: 'error', zh: '各类申请人之和应等于总计', en: 'the applicant columns must add up to the total' },
  'T4.sum': { severity: 'error', zh: '结果维持、纠正、其他结果、尚未审结之和应等于总计', en: 'upheld + corrected + other + pending must equal the total' },
  'count.nonNegative': { severity: 'error', zh: '数量应为非负整数', en: 'a count must be a non-negative integer' },
  'amount.format': { severity: 'warning', zh: '金额格式不符合模板要求', en: 'the amount does not follow the template format' },
  'T2.published': { severity: 'warning', zh: '本年新公开数量不应大于对外公开总数量', en: 'published this year cannot exceed the total published' },
  'template.year': { severity: 'warning', zh: '报告年度与所用模板不相符', en: 'the template does not match the report year' },
  'crossYear.carry': { severity: 'warning', zh: '上年结转数应等于上一年度报告的结转下年度数', en: 'carried over must equal last year\'s carried forward' },
  'crossYear.items': { severity: 'warning', zh: '上一年项目数量应等于上一年度报告的上一年项目数量加本年增/减', en: 'previous items must equal last year\'s previous + change' },
  'crossYear.jump': { severity: 'info', zh: '与上一年度相比变化异常（超过5倍或不足五分之一）', en: 'changed more than 5x (or below 1/5) since last year' },
  'text.fees': { severity: 'warning', zh: '第六部分未说明信息处理费收取情况', en: 'section 六 says nothing about information processing fees' },
  'missing.section': { severity: 'error', zh: '缺少表格部分（不得视为零）', en: 'a table section is missing (never read as zero)' },
  'T2.inForce': { severity: 'warning', zh: '现行有效件数应等于上年现行有效件数加本年制发减本年废止', en: 'in force must equal last year\'s in force + issued − repealed' },
  'T2.rulesAuthority': { severity: 'warning', zh: '该机关无权制定规章，规章数量应为0（立法法第八十条、第八十二条）', en: 'this body cannot make rules (Legislation Law Art. 80/82); rule counts should be 0' },
  'period.calendarYear': { severity: 'warning', zh: '统计期限不是报告年度的1月1日至12月31日', en: 'the statistics period is not 1 January to 31 December of the report year' },
  'text.tables': { severity: 'warning', zh: '正文所述数字与表格不一致', en: 'a number in the narrative contradicts the tables' },
  'text.problems': { severity: 'warning', zh: '第五部分“存在的主要问题及改进情况”缺失或为空', en: 'section 五 (problems and improvements) is missing or empty' },
  'text.sameAsLastYear': { severity: 'warning', zh: '叙述部分与上一年度报告高度雷同（≥90%）', en: 'a narrative section is ≥ 90 % the same as last year\'s' },
  'import.unreadable': { severity: 'warning', zh: '导入时无法确定该单元格的数值，已留空', en: 'the importer could not read this cell; left blank' },
  'import.inferred': { severity: 'info', zh: '该单元格在原文中缺失，已按表格勾稽关系推算并经另一等式核验', en: 'this cell was lost in the source; recovered from the table arithmetic and confirmed by a second equation' },
  'import.ambiguous': { severity: 'warning', zh: '原文可有多种读法（数字连写的拆分，或与行名分离的数值行的对位），且都与勾稽关系相容，各读法在该单元格上不一致，已留空（列出候选值）', en: 'the text reads several ways (splits of digits run together, or placements of value rows printed apart from their labels) that all fit the equations but disagree on this cell; left blank (candidates listed)' },
  'import.ordered': { severity: 'info', zh: '原文表格的行名与数值分离（如由PDF转换的文本），数值行已按模板行序对位', en: 'the table prints its values apart from its row labels (e.g. text converted from a PDF); the value rows were placed in the template\'s row order' },
  'import.split': { severity: 'info', zh: '原文数字连写，已按模板勾稽关系拆分：所有相容的拆分在该单元格上一致', en: 'the digits run together; every split consistent with the template equations agrees on this cell' },
  'import.ocrUncertain': { severity: 'warning', zh: '扫描件中该单元格的文字识别（OCR）置信度不足，已留空（不作猜测）', en: 'OCR could not read this cell of the scan with enough confidence; left blank (never a guess)' },
  'import.detection': { severity: 'warning', zh: '无法从原文识别', en: 'could not be detected from the text' },
  'rollup.blank': { severity: 'warning', zh: '汇总：有机关的报告中该单元格为空，合计无法得出', en: 'roll-up: an organisation leaves this cell blank, so the total is unknown' },
  'rollup.excluded': { severity: 'warning', zh: '汇总：该报告未计入', en: 'roll-up: this report is left out' },
  'anomaly.jump': { severity: 'warning', zh: '与上一年度相比主要数字变化超过设定倍数', en: 'a headline figure changed by more than the set factor since last year' },
  'anomaly.zeroAfterBusy': { severity: 'warning', zh: '上一年度有较多数量，本年度该表全部为零', en: 'the table is all zero after a busy year' },
  'cells.blank': { severity: 'info', zh: '表格中有空白或“/”单元格（未知数）', en: 'the table has blank or "/" cells (unknowns)' },
} as const satisfies Record<string, { severity: Severity; zh: string; en: string }>;

export type RuleCode = keyof typeof RULES;

/**
 * `violation`: the rule is broken. `uncheckable`: a cell it needs is blank (null) or its table is missing, so it
 * could not be checked — never silently passed. Uncheckable findings have severity `info`.
 */
export type Outcome = 'violation' | 'uncheckable';

export interface Finding {
  readonly code: RuleCode;
  readonly severity: Severity;
  readonly outcome: Outcome;
  /** Full cell paths involved, e.g. 'applications.total.natural'. The first is the cell to highlight. */
  readonly cells: readonly string[];
  readonly expected?: number | string;
  readonly actual?: number | string;
  readonly messageZh: string;
  readonly message: string;
}

/** A violation of `code`, with detail appended to the rule's messages. */
export function violation(
  code: RuleCode,
  cells: readonly string[],
  detail: { zh: string; en: string } | null,
  values: { expected?: number | string; actual?: number | string } = {},
): Finding {
  const rule = RULES[code];
  return {
    code,
    severity: rule.severity,
    outcome: 'violation',
    cells,
    ...values,
    messageZh: detail ? `${rule.zh}：${detail.zh}` : rule.zh,
    message: detail ? `${rule.en}: ${detail.en}` : rule.en,
  };
}

/** A cell as a reader names it: 表三（三）不予公开 3.危及“三安全一稳定”·法律服务机构 (the path when no table has it). */
const CELL_NAMES = new Map<string, string>([['year', '年度']]);
for (const id of TEMPLATE_IDS) {
  for (const table of TABLE_KEYS) {
    for (const c of tableCells(TEMPLATES[id], table)) {
      if (!CELL_NAMES.has(c.path)) CELL_NAMES.set(c.path, `表${TABLE_NUMBER[table]}${c.rowLabel}·${c.column.label}`);
    }
  }
}

/** A cell's name as a reader says it (表三（一）予以公开·自然人); null for a path no template has. */
export const cellName = (path: string): string | null => CELL_NAMES.get(path) ?? null;

/** At most three names, then how many more. */
function namesZh(paths: readonly string[]): string {
  const shown = paths.slice(0, 3).map((p) => CELL_NAMES.get(p) ?? p);
  return paths.length > 3 ? `${shown.join('、')} 等 ${paths.length} 个` : shown.join('、');
}

/** The rule could not be checked because of blank cells (listed: by name in Chinese, by path in English). */
export function uncheckable(code: RuleCode, cells: readonly string[], blank: readonly string[]): Finding {
  const rule = RULES[code];
  return {
    code,
    severity: 'info',
    outcome: 'uncheckable',
    cells,
    messageZh: `无法校验（${rule.zh}）：空白单元格 ${namesZh(blank)}`,
    message: `cannot check (${rule.en}): blank cells ${blank.join(', ')}`,
  };
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}
