/**
 * The decisions table 二 counts besides documents (第二十条第（五）（六）（八）（九）项), from rows entered or imported from
 * the 双公示 exports offices keep (行政许可、行政处罚 信息公示 tables). A row is 类别, 事项名称, 决定日期, 金额（元） and
 * 决定文号; headers are matched by their usual Chinese names. Every bad row is reported with its line and a coded
 * problem (catalog.row); the good rows are taken only when none is bad (no partial import).
 */
import { isIsoDate, type IsoDate } from '../calendar/dates.ts';
import { problem, type Problem } from '../errors.ts';
import { DECISION_KINDS, DECISION_KIND_LABELS, type DecisionKind } from './terms.ts';

export interface DecisionInput {
  readonly kind: DecisionKind;
  readonly matter: string;
  readonly decidedOn: IsoDate;
  readonly amountFen: number | null;
  readonly ref: string | null;
}

/** Header names (as exported by 信用中国 双公示 and office spreadsheets) → field. */
const HEADERS: Readonly<Record<string, keyof DecisionInput>> = {
  类别: 'kind', 类型: 'kind', 决定类别: 'kind', kind: 'kind',
  事项名称: 'matter', 事项: 'matter', 许可事项: 'matter', 项目名称: 'matter', 行政许可事项: 'matter', 处罚事项: 'matter', 收费项目: 'matter', matter: 'matter',
  决定日期: 'decidedOn', 许可决定日期: 'decidedOn', 处罚决定日期: 'decidedOn', 日期: 'decidedOn', decidedOn: 'decidedOn',
  金额: 'amountFen', '金额（元）': 'amountFen', '金额(元)': 'amountFen', '罚款金额（元）': 'amountFen', '收费金额（元）': 'amountFen', amount: 'amountFen',
  决定文号: 'ref', 文号: 'ref', 决定书文号: 'ref', 许可文书号: 'ref', 行政处罚决定书文号: 'ref', ref: 'ref',
};

const KIND_BY_LABEL = new Map<string, DecisionKind>(DECISION_KINDS.flatMap((k) => [[k, k] as const, [DECISION_KIND_LABELS[k].zh, k] as const]));

/** Dates as offices write them: 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日. */
export function normaliseDate(text: string): IsoDate | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return null;
  const d = `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
  return isIsoDate(d) ? d : null;
}

/** 金额 in 元 (at most 2 decimals, thousands separators allowed) → 分. */
function amountFen(text: string): number | null | 'bad' {
  const t = text.replace(/[,，\s]/g, '');
  if (t === '') return null;
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(t)) return 'bad';
  const [yuan = '0', fen = ''] = t.split('.');
  return Number(yuan) * 100 + Number(fen.padEnd(2, '0'));
}

/**
 * Parse a table (first row: headers) into decisions. `defaultKind` applies when there is no 类别 column (a 行政许可
 * export). Errors: catalog.row at `line N` (one per bad row, all reported), table.noColumn (a required column
 * missing), catalog.noRows. `today` bounds the dates.
 */
export function parseDecisionTable(rows: readonly (readonly string[])[], today: IsoDate, defaultKind: DecisionKind | null = null): { ok: true; value: DecisionInput[] } | { ok: false; problems: Problem[] } {
  const [header, ...body] = rows;
  if (!header) return { ok: false, problems: [problem('catalog.noRows', '')] };
  const columns = header.map((h) => HEADERS[h.trim().replace(/^\uFEFF/, '')] ?? null);
  const missing = (['matter', 'decidedOn'] as const).filter((f) => !columns.includes(f));
  if (!columns.includes('kind') && defaultKind === null) missing.push('kind' as never);
  if (missing.length > 0) return { ok: false, problems: missing.map((f) => problem('table.noColumn', f, { zh: `缺少列：${f === 'matter' ? '事项名称' : f === 'decidedOn' ? '决定日期' : '类别'}`, en: `missing column: ${f}` })) };
  const out: DecisionInput[] = [];
  const problems: Problem[] = [];
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const line = `line ${i + 2}`;
    const get = (f: keyof DecisionInput) => {
      const at = columns.indexOf(f);
      return at < 0 ? '' : (cells[at] ?? '').trim();
    };
    const why: string[] = [];
    const kindText = get('kind');
    const kind = kindText === '' ? defaultKind : (KIND_BY_LABEL.get(kindText) ?? null);
    if (kind === null) why.push(`类别“${kindText}”不是 ${DECISION_KINDS.map((k) => DECISION_KIND_LABELS[k].zh).join('、')} 之一`);
    const matter = get('matter');
    if (matter === '' || matter.length > 200) why.push('事项名称为空或超过200字');
    const decidedOn = normaliseDate(get('decidedOn'));
    if (decidedOn === null) why.push(`决定日期“${get('decidedOn')}”无效`);
    else if (decidedOn > today) why.push('决定日期晚于今天');
    const amount = amountFen(get('amountFen'));
    if (amount === 'bad') why.push(`金额“${get('amountFen')}”应为元，最多两位小数`);
    const ref = get('ref');
    if (why.length > 0) {
      problems.push(problem('catalog.row', line, { zh: why.join('；'), en: why.join('; ') }, { line: i + 2 }));
      return;
    }
    out.push({ kind: kind as DecisionKind, matter, decidedOn: decidedOn as IsoDate, amountFen: amount as number | null, ref: ref === '' ? null : ref.slice(0, 200) });
  });
  if (problems.length > 0) return { ok: false, problems };
  if (out.length === 0) return { ok: false, problems: [problem('catalog.noRows', '')] };
  return { ok: true, value: out };
}
