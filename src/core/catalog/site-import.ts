/**
 * An existing site's 政府信息公开目录, as county sites export it (CSV/XLSX, first row headers): 索引号, 标题, 发布机构,
 * 成文日期, 发布日期, 文号, 主题分类, 有效性, 链接, 正文, 附件 (file names). Every row becomes a document already published
 * (it was, on the old site: 条例第二十三条); its 索引号 is kept, or assigned from the pattern when the column is empty.
 * Every bad row is reported with its line and a coded problem (catalog.row); nothing is taken unless every row is
 * good (docs/decisions.md "Bulk import": a half-imported catalog would leave the portal and table 二 silently short).
 */
import type { IsoDate } from '../calendar/dates.ts';
import { problem, type Problem } from '../errors.ts';
import { normaliseDate } from './decisions.ts';
import { MAX_FIELD, MAX_TITLE } from './document.ts';
import { DOCUMENT_KINDS, DOCUMENT_KIND_LABELS, VALIDITIES, VALIDITY_LABELS, isArticle20Item, type Article20Item, type DocumentKind, type Validity } from './terms.ts';

/** One row of the old site's catalog, checked. */
export interface SiteRow {
  readonly line: number;
  readonly indexNo: string | null;
  readonly title: string;
  readonly publisher: string | null;
  readonly writtenOn: IsoDate | null;
  readonly publishedOn: IsoDate;
  readonly docNumber: string | null;
  readonly topic: string | null;
  readonly item: Article20Item | null;
  readonly kind: DocumentKind;
  readonly validity: Validity;
  /** The date the validity ended (废止, 失效, 修改); null when the old site did not say (then a warning). */
  readonly validityOn: IsoDate | null;
  /** The act that repealed it (废止依据), as written. */
  readonly repealedBy: string | null;
  readonly sourceUrl: string | null;
  /** Plain text (paragraphs separated by line breaks). */
  readonly body: string;
  /** Names of attachment files (in the folder or ZIP given beside the table). */
  readonly attachments: readonly string[];
}

type Field = Exclude<keyof SiteRow, 'line'>;

/** Header names seen in CMS exports (政府网站集约化平台, 公开目录导出) → field. */
const HEADERS: Readonly<Record<string, Field>> = {
  索引号: 'indexNo', 索引: 'indexNo', indexNo: 'indexNo',
  标题: 'title', 名称: 'title', 文件名称: 'title', 信息名称: 'title', title: 'title',
  发布机构: 'publisher', 发文机关: 'publisher', 发布单位: 'publisher', 发布机关: 'publisher', publisher: 'publisher',
  成文日期: 'writtenOn', 生成日期: 'writtenOn', 成文时间: 'writtenOn', writtenOn: 'writtenOn',
  发布日期: 'publishedOn', 公开日期: 'publishedOn', 发布时间: 'publishedOn', publishedOn: 'publishedOn',
  文号: 'docNumber', 发文字号: 'docNumber', docNumber: 'docNumber',
  主题分类: 'topic', 分类: 'topic', 主题词: 'topic', topic: 'topic',
  事项: 'item', 第二十条事项: 'item', item: 'item',
  类别: 'kind', 文件类别: 'kind', 文种: 'kind', kind: 'kind',
  有效性: 'validity', 效力状态: 'validity', 时效: 'validity', validity: 'validity',
  废止日期: 'validityOn', 失效日期: 'validityOn', 废止时间: 'validityOn', 失效时间: 'validityOn', 修改日期: 'validityOn', 有效性变更日期: 'validityOn', validityOn: 'validityOn',
  废止依据: 'repealedBy', 废止文件: 'repealedBy', 废止决定: 'repealedBy', repealedBy: 'repealedBy',
  链接: 'sourceUrl', 网址: 'sourceUrl', 原文链接: 'sourceUrl', URL: 'sourceUrl', url: 'sourceUrl',
  正文: 'body', 内容: 'body', 内容概述: 'body', body: 'body',
  附件: 'attachments', 附件名称: 'attachments', attachments: 'attachments',
};

const KIND_BY_LABEL = new Map<string, DocumentKind>([...DOCUMENT_KINDS.flatMap((k) => [[k, k] as const, [DOCUMENT_KIND_LABELS[k].zh, k] as const]), ['规范性文件', 'normative'], ['解读', 'interpretation']]);
const VALIDITY_BY_LABEL = new Map<string, Validity>([...VALIDITIES.flatMap((v) => [[v, v] as const, [VALIDITY_LABELS[v].zh, v] as const]), ['现行有效', 'valid'], ['已废止', 'repealed'], ['已失效', 'expired'], ['已修订', 'amended']]);

/** Long bodies are kept to this many characters (a 规章's full text is far below). */
export const MAX_IMPORT_BODY = 200_000;

/**
 * Parse the table: the good rows, `warnings` — catalog.validityDateMissing at `line N` for a row imported 废止, 失效 or
 * 已修改 without the date it ended (docs/decisions.md "Imported repeals without a date") — and `rowProblems` — catalog.row at `line N` for every bad row: title missing or too long, a date, 有效性, 类别,
 * 事项 or link not understood, a 索引号 twice in the file). Errors: table.noColumn (标题 or 发布日期/成文日期
 * missing), catalog.noRows. `today` bounds the dates.
 */
export function parseSiteTable(rows: readonly (readonly string[])[], today: IsoDate): { ok: true; value: SiteRow[]; rowProblems: Problem[]; warnings: Problem[] } | { ok: false; problems: Problem[] } {
  const [header, ...body] = rows;
  if (!header) return { ok: false, problems: [problem('catalog.noRows', '')] };
  const columns = header.map((h) => HEADERS[h.trim().replace(/^\uFEFF/, '')] ?? null);
  const missing: string[] = [];
  if (!columns.includes('title')) missing.push('标题');
  if (!columns.includes('publishedOn') && !columns.includes('writtenOn')) missing.push('发布日期');
  if (missing.length > 0) return { ok: false, problems: missing.map((m) => problem('table.noColumn', m, { zh: `缺少列：${m}`, en: `missing column: ${m}` })) };
  const out: SiteRow[] = [];
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const line = i + 2;
    const get = (f: Field) => {
      const at = columns.indexOf(f);
      return at < 0 ? '' : (cells[at] ?? '').trim();
    };
    const opt = (f: Field) => (get(f) === '' ? null : get(f).slice(0, MAX_FIELD));
    const why: string[] = [];
    const title = get('title');
    if (title === '') why.push('标题为空');
    else if (title.length > MAX_TITLE) why.push(`标题超过 ${MAX_TITLE} 字`);
    const date = (f: Field, label: string): IsoDate | null => {
      const t = get(f);
      if (t === '') return null;
      const d = normaliseDate(t.replace(/[ T]\d{1,2}:\d{2}(:\d{2})?$/, ''));
      if (d === null) why.push(`${label}“${t}”无效`);
      else if (d > today) why.push(`${label}晚于今天`);
      return d;
    };
    const writtenOn = date('writtenOn', '成文日期');
    const publishedOn = date('publishedOn', '发布日期') ?? writtenOn;
    if (publishedOn === null && get('publishedOn') === '' && get('writtenOn') === '') why.push('发布日期和成文日期都为空');
    if (writtenOn !== null && publishedOn !== null && publishedOn < writtenOn) why.push('发布日期早于成文日期');
    const kindText = get('kind');
    const kind = kindText === '' ? 'other' : (KIND_BY_LABEL.get(kindText) ?? null);
    if (kind === null) why.push(`类别“${kindText}”不是 规章、规范性文件、政策解读、其他文件 之一`);
    const validityText = get('validity');
    const validity = validityText === '' ? 'valid' : (VALIDITY_BY_LABEL.get(validityText) ?? null);
    if (validity === null) why.push(`有效性“${validityText}”不是 有效、失效、废止、已修改 之一`);
    const validityOn = date('validityOn', '废止（失效）日期');
    if (validityOn !== null && validity === 'valid') why.push('有效的文件不应有废止（失效）日期');
    if (validityOn !== null && publishedOn !== null && validityOn < publishedOn) why.push('废止（失效）日期早于发布日期');
    const repealedBy = opt('repealedBy');
    if (repealedBy !== null && validity !== 'repealed') why.push('只有废止的文件有废止依据');
    const itemText = get('item').replace(/^第|项$/g, '');
    if (itemText !== '' && !isArticle20Item(itemText)) why.push(`事项“${get('item')}”应为第二十条第1至15项`);
    const sourceUrl = opt('sourceUrl');
    if (sourceUrl !== null && !/^https?:\/\/[^\s<>"]+$/.test(sourceUrl)) why.push(`链接“${sourceUrl}”应以 http:// 或 https:// 开头`);
    const indexNo = opt('indexNo');
    if (indexNo !== null) {
      const first = seen.get(indexNo);
      if (first !== undefined) why.push(`索引号“${indexNo}”与第 ${first} 行重复`);
      else seen.set(indexNo, line);
    }
    if (why.length > 0) {
      problems.push(problem('catalog.row', `line ${line}`, { zh: why.join('；'), en: why.join('; ') }, { line }));
      return;
    }
    const names = get('attachments').split(/[;；、|\n]+/u).map((n) => n.trim()).filter((n) => n !== '');
    if (validity !== 'valid' && validityOn === null) {
      const label = VALIDITY_LABELS[validity as Validity].zh;
      const dateLabel = validity === 'amended' ? '修改日期' : `${label}日期`;
      warnings.push(
        problem('catalog.validityDateMissing', `line ${line}`, {
          zh: `第 ${line} 行“${title}”：${label}，没有${dateLabel}`,
          en: `line ${line} (${title}): ${VALIDITY_LABELS[validity as Validity].en}, without its date`,
        }, { line }),
      );
    }
    out.push({ line, indexNo, title, publisher: opt('publisher'), writtenOn, publishedOn: publishedOn as IsoDate, docNumber: opt('docNumber'), topic: opt('topic'), item: itemText === '' ? null : (itemText as Article20Item), kind: kind as DocumentKind, validity: validity as Validity, validityOn, repealedBy, sourceUrl, body: get('body').slice(0, MAX_IMPORT_BODY), attachments: [...new Set(names)] });
  });
  if (out.length === 0 && problems.length === 0) return { ok: false, problems: [problem('catalog.noRows', '')] };
  // The good rows go on to be checked against the catalog and the files, so that every bad row is reported at once.
  return { ok: true, value: out, rowProblems: problems, warnings };
}
