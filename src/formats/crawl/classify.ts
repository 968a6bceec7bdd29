/**
 * Which crawled pages are 政府信息公开工作年度报告 that the importer can read. A crawl of a site's 信息公开 column holds
 * the annual reports beside pages of other kinds that share words with them (政府网站工作年度报表, 法治政府建设情况报告,
 * 政务公开工作要点, 统计表 of the old rules), reports whose tables are images or attachments (the page text is empty or
 * holds no table), and reports from before the 2019 template. The test, in order, on the title (when the crawl has a
 * title column) and the head of the text (its first {@link HEAD_CHARS} characters, where a page names itself):
 *
 * 1. The title names another kind of document (网站…报表/年报, 法治政府建设, 工作要点, 工作计划, 统计表 without 报告)
 *    and not a 信息公开 report → skipped as that kind. When the title names neither (or there is no title) the text's
 *    head decides the same way; a head that names a 信息公开 report wins over other words in it, since a report's
 *    opening sentences may mention 法治政府建设 or 工作要点.
 * 2. Empty text (only white space) → skipped: the page links a file or shows an image; there is nothing to read.
 * 3. Neither the title nor the head names a 信息公开 report (信息公开 … 年度报告 / 工作报告 / 年报 / 报告, titles cut
 *    short as "年度报..." included, or the head saying 本年度报告) → skipped as not an annual report.
 * 4. The text holds no table 三 (its first row 本年新收…申请 is printed by both the 2019 and the 2021 template) → skipped:
 *    the tables are missing from the page (images, attachments) or the report predates the 2019 template (the reason
 *    says which when the title or head gives a year before 2019).
 *
 * Otherwise the page is a report to import. The words are those of the national templates and of how offices title
 * these documents, never of one site. Pure; never throws.
 */

/** How much of the text's start is searched for what the page calls itself. */
export const HEAD_CHARS = 300;

export type PageVerdict =
  | { readonly report: true }
  | { readonly report: false; readonly kind: SkipKind; readonly reasonZh: string; readonly reason: string };

export type SkipKind = 'empty' | 'otherKind' | 'notReport' | 'noTables' | 'beforeTemplate';

const OTHER_KINDS: readonly { readonly test: RegExp; readonly zh: string; readonly en: string }[] = [
  { test: /网站.{0,12}(?:报表|年报|年度报告)/, zh: '政府网站工作年度报表', en: 'a government website annual form' },
  { test: /法治政府建设|依法行政工作/, zh: '法治政府建设情况报告', en: 'a law-based government report' },
  { test: /工作要点|工作计划|工作安排/, zh: '工作要点或计划', en: 'a work plan' },
  { test: /统计表(?!.*报告)/, zh: '统计表（非年度报告）', en: 'a statistics table, not a report' },
];

const NAMES_REPORT = /信息公开.{0,12}(?:年度报|工作报|年报|报告)|本年度报告/;
/** Table 三's first row in both templates: 本年新收政府信息公开申请数量 (spacing and line breaks vary). */
const TABLE_THREE = /本\s*年\s*度?\s*新\s*收/;

const skip = (kind: SkipKind, reasonZh: string, reason: string): PageVerdict => ({ report: false, kind, reasonZh, reason });

const otherKind = (s: string) => OTHER_KINDS.find((k) => k.test.test(s));

/** The report year a title or text head gives: the first 19xx/20xx followed by 年. */
function yearOf(s: string): number | null {
  const m = /((?:19|20)\d\d)\s*年/.exec(s);
  return m ? Number(m[1]) : null;
}

/** Classify one crawled page. `title` is null when the crawl has no title column (or the cell is empty). */
export function classifyPage(title: string | null, text: string): PageVerdict {
  const head = text.slice(0, HEAD_CHARS).replace(/\s+/g, '');
  const t = (title ?? '').replace(/\s+/g, '');
  const titleNames = NAMES_REPORT.test(t);
  const other = !titleNames ? (otherKind(t) ?? (NAMES_REPORT.test(head) ? undefined : otherKind(head))) : undefined;
  if (other) return skip('otherKind', `不是政府信息公开工作年度报告，而是${other.zh}`, `not an annual report on government information disclosure but ${other.en}`);
  if (text.trim() === '') return skip('empty', '正文为空（页面可能只链接了附件或图片）', 'the text is empty (the page may only link a file or an image)');
  if (!titleNames && !NAMES_REPORT.test(head)) {
    return skip('notReport', '标题与正文开头都没有称为政府信息公开工作年度报告', 'neither the title nor the start of the text calls it an annual report on government information disclosure');
  }
  if (!TABLE_THREE.test(text)) {
    const year = yearOf(t) ?? yearOf(head);
    if (year !== null && year < 2019) {
      return skip('beforeTemplate', `${year} 年度报告早于 2019 年模板，没有模板中的统计表`, `a report for ${year}, before the 2019 template: it has none of the template's tables`);
    }
    return skip('noTables', '正文中没有统计表（表三“本年新收”一行不在文字中，表格可能是图片或附件）', 'no statistical tables in the text (table 三’s 本年新收 row is not there; the tables may be images or attachments)');
  }
  return { report: true };
}
