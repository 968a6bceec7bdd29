/**
 * What a report text says about itself: the template (from its table headers, never from the year or the notice cited
 * — spec/annual-report.md), the report year (from the title) and the organisation (from the title, completed from the
 * body when the title uses a short name). Each answer says how it was found; an answer the text does not give is null.
 */
import { TEMPLATES, TEMPLATE_IDS, type TemplateId } from '../templates/index.ts';
import { TextIndex } from './locate.ts';
import { labelKey } from './normalize.ts';

export interface Detected<T> {
  readonly value: T;
  /** How it was found: the words that gave it away, or why it is a default. */
  readonly evidence: string;
}

/** The template whose header words the text prints (most hits wins; a tie gives null). */
export function detectTemplate(index: TextIndex): Detected<TemplateId> | null {
  const vote = (found: (id: TemplateId, marker: string) => boolean) => {
    const hits = TEMPLATE_IDS.map((id) => ({ id, found: TEMPLATES[id].markers.filter((m) => found(id, m)) }));
    const [a, b] = [...hits].sort((x, y) => y.found.length - x.found.length);
    if (!a || a.found.length === 0 || (b && b.found.length === a.found.length)) return null;
    return { value: a.id, evidence: a.found.join('、') };
  };
  // Whole header words first; only when none is printed, a header wrapped in a narrow column may have survived as its
  // first words (本年新制 / 作数量) — stems are common words elsewhere (本年处理), so they never outvote whole words.
  const whole = TEMPLATE_IDS.some((id) => TEMPLATES[id].markers.some((m) => index.find(labelKey(m)) !== null));
  if (whole) return vote((_, m) => index.find(labelKey(m)) !== null);
  const tableStart = index.find(labelKey('第二十条第')) ?? { start: 0, end: 0 };
  return vote((_, m) => index.find(labelKey(m).slice(0, 4), tableStart.start, tableStart.start + 2000) !== null);
}

const TITLE = /(\d{4})年度?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告/;

/** A line that names another report (a web page's links), not this one's title. */
const LINK_LINE = /^\s*(相关链接|相关阅读|相关文件|上一篇|下一篇|推荐阅读|链接)\s*[：:]/;

/**
 * The title: the first stretch of text naming the year's 政府信息公开工作年度报告, after setting aside the lines that
 * link to other reports (相关链接：…, 上一篇：…); when only such lines name a report, the first of them.
 */
function findTitle(index: TextIndex): { year: number; prefix: string; at: string } | null {
  const lines = index.text.slice(0, 6000).split('\n');
  if (lines.some((l) => LINK_LINE.test(l))) {
    const own = titleIn(new TextIndex(lines.filter((l) => !LINK_LINE.test(l)).join('\n')));
    if (own) return own;
  }
  return titleIn(index);
}

function titleIn(index: TextIndex): { year: number; prefix: string; at: string } | null {
  const head = index.viewText(0, Math.min(index.text.length, 4000));
  const m = TITLE.exec(head);
  if (!m) return null;
  const before = head.slice(0, m.index);
  // The organisation is what precedes the year on the title line: cut at the last sentence break or heading.
  // Website breadcrumbs (首页>政府信息公开>…) and page furniture (第1页共4页) before the title are not the name.
  const prefix = (before.split(/[。；;，,：:》《>＞|｜»/]|一、总体情况|总体情况|^#+/).pop() ?? '')
    .replace(/第\d+页(共\d+页)?|共\d+页|[-—–－]+\d+[-—–－]+|^\d+/g, '')
    .replace(/^.*?(政府信息公开(工作)?年(度)?报(告)?|年度报告|年报)/, '');
  return { year: Number(m[1]), prefix: prefix.replace(/^(发布|现公布|公布|关于|印发|#+)/, ''), at: m[0] };
}

/** The report year printed in the title. */
export function detectYear(index: TextIndex): Detected<number> | null {
  const t = findTitle(index);
  if (t && t.year >= 1990 && t.year <= 2100) return { value: t.year, evidence: `${t.prefix}${t.at}` };
  return null;
}

const SHORT_NAMES: readonly (readonly [string, string])[] = [
  ['管委会', '管理委员会'],
  ['高新区', '高新技术产业开发区'],
  ['经开区', '经济技术开发区'],
];
/** Names of zones that say nothing of where they are until a place is put before them. */
const GENERIC = /^(高新技术产业开发区|经济技术开发区|经济开发区|示范区|开发区|新区|产业集聚区)/;
const OFFICIAL = /[\p{Script=Han}]{2,30}?(管理委员会|人民政府|委员会|局|厅|办公室)/gu;
const OFFICIAL_END = /(管理委员会|人民政府|委员会|局|厅|办公室|署|部|院|中心)$/;
const NOT_PLACE = /[了的为在是我全本该各有和与及对将把被从发布年区县市镇乡]/;

const expand = (name: string): string => SHORT_NAMES.reduce((s, [a, b]) => s.replaceAll(a, b), name);

/** Whether `short` reads as an abbreviation of `long` (its characters appear in order). */
function abbreviates(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i += 1;
  return i === short.length && long.length > short.length;
}

/** The organisation named by the title, completed from the body; null when the text names no identifiable body. */
export function detectOrganization(index: TextIndex): Detected<string> | null {
  const t = findTitle(index);
  const prefix = t?.prefix.trim() ?? '';
  if (prefix.length < 2) return null;
  const body = index.viewText(0, index.text.length);
  const name = expand(prefix);
  if (!GENERIC.test(name) && OFFICIAL_END.test(name)) return { value: name, evidence: prefix };
  // A longer official name in the body of which the title's short name is an abbreviation.
  const officials = [...new Set([...body.matchAll(OFFICIAL)].map((m) => m[0]))];
  const longer = officials.filter((o) => abbreviates(prefix, o) && !GENERIC.test(expand(o))).sort((a, b) => b.length - a.length)[0];
  if (longer && !officials.includes(prefix)) return { value: longer, evidence: `${prefix} → ${longer}` };
  if (!GENERIC.test(name)) return { value: name, evidence: prefix };
  // A generic zone name: find the place the body puts before the zone's short name (南阳高新区), seen at least twice.
  const short = SHORT_NAMES.find(([, long]) => name.startsWith(long))?.[0] ?? '';
  if (!short) return null;
  const counts = new Map<string, number>();
  for (const m of body.matchAll(new RegExp(`([\\p{Script=Han}]{2})${short}`, 'gu'))) {
    const place = m[1] ?? '';
    if (!NOT_PLACE.test(place)) counts.set(place, (counts.get(place) ?? 0) + 1);
  }
  const [place, seen] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (seen < 2) return null;
  return { value: `${place}${name}`, evidence: `${prefix}；正文“${place}${short}”${seen}次` };
}
