/**
 * Presenters of the import routes: the importer's result → what the result page shows (what was detected and how,
 * the cell counts, each cell's source for the renderer, the canonical JSON for the save form).
 */
import type { FindingSummary, ImportCounts, ImportReportResult } from '../../../app/annual-report/index.ts';
import type { CellProvenance } from '../../../core/annual-report/import/import-text.ts';
import { stringifyReport } from '../../../core/annual-report/serialize.ts';
import { TEMPLATES } from '../../../core/annual-report/templates/index.ts';
import type { CellSource } from '../../../formats/html/render.ts';
import { reportTitle } from '../../../formats/report-text.ts';

type Imported = Extract<ImportReportResult, { ok: true }>;

export interface DetectedRow {
  readonly label: string;
  readonly labelEn: string;
  /** What the report now says, or null when it could not be detected. */
  readonly value: string | null;
  /** How: 表头 / 标题 / 参数 …, and in English. */
  readonly how: string;
  readonly howEn: string;
  /** The words of the source that gave it away. */
  readonly evidence?: string;
}

export interface ImportResultView {
  readonly fileName: string;
  readonly formatLabel: string;
  readonly encoding?: string;
  readonly title: string;
  readonly detected: readonly DetectedRow[];
  readonly counts: ImportCounts;
  readonly summary: FindingSummary;
  /** The report in the canonical JSON, posted back by the save form. */
  readonly reportJson: string;
  /** The cells' provenance as JSON, posted back with the report so a saved report keeps its sources. */
  readonly provenanceJson: string;
}

const FORMAT_LABELS: Readonly<Record<string, string>> = {
  txt: '纯文本（.txt）',
  md: 'Markdown 文本',
  html: '网页（HTML）',
  docx: 'Word 文档（.docx）',
  pdf: 'PDF',
};

const HOW = {
  flag: { zh: '参数（表单填写）', en: 'given in the form' },
  header: { zh: '表头', en: 'table headers' },
  title: { zh: '标题', en: 'title' },
  titleAndBody: { zh: '标题（据正文补全）', en: 'title, completed from the body' },
  default: { zh: '默认（按年度推定）', en: 'default, by year' },
  missing: { zh: '未识别', en: 'not detected' },
} as const;

function row(label: string, labelEn: string, value: string | null, how: { zh: string; en: string }, evidence?: string): DetectedRow {
  return { label, labelEn, value, how: how.zh, howEn: how.en, ...(evidence ? { evidence } : {}) };
}

/** What was detected and how, one row per field. Never throws. */
export function presentDetected(detected: Imported['detected']): DetectedRow[] {
  const { template, year, organization } = detected;
  const templateHow = template.how === 'flag' ? HOW.flag : template.how === 'detected' ? HOW.header : HOW.default;
  const t = TEMPLATES[template.value];
  const orgHow =
    organization.how === 'flag'
      ? HOW.flag
      : organization.how === 'missing'
        ? HOW.missing
        : /→|正文/.test(organization.evidence ?? '')
          ? HOW.titleAndBody
          : HOW.title;
  return [
    row('模板', 'template', `${template.value} 年版（${t.notice}）`, templateHow, template.evidence),
    row('年度', 'year', year.value === null ? null : `${year.value} 年度`, year.how === 'flag' ? HOW.flag : year.how === 'detected' ? HOW.title : HOW.missing, year.evidence),
    row('机关', 'organisation', organization.value, orgHow, organization.evidence),
  ];
}

/**
 * Each cell's source for the renderer. The page number is dropped when the whole source is one page (a text file):
 * “第 1 页” on every cell says nothing. Never throws.
 */
export function presentSources(provenance: readonly CellProvenance[]): Map<string, CellSource> {
  const paged = provenance.some((p) => (p.page ?? 1) > 1);
  return new Map(
    provenance.map((p) => [
      p.path,
      {
        how: p.how,
        ...(p.raw !== undefined ? { raw: p.raw } : {}),
        ...(p.line !== undefined ? { line: p.line } : {}),
        ...(paged && p.page !== undefined ? { page: p.page } : {}),
        ...(p.note !== undefined ? { note: p.note } : {}),
        ...(p.confidence !== undefined ? { confidence: p.confidence } : {}),
        ...(p.box !== undefined ? { box: p.box } : {}),
      },
    ]),
  );
}

/** The result page's summary of an import. Never throws. */
export function presentImport(result: Imported, fileName: string): ImportResultView {
  return {
    fileName,
    formatLabel: FORMAT_LABELS[result.format] ?? result.format,
    ...(result.encoding ? { encoding: result.encoding.toUpperCase() } : {}),
    title: reportTitle(result.report),
    detected: presentDetected(result.detected),
    counts: result.counts,
    summary: result.summary,
    reportJson: stringifyReport(result.report),
    provenanceJson: JSON.stringify(result.provenance),
  };
}
