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

/** What the adapters know besides the text: the page title (HTML <title>/meta titles, one per line), the file name. */
export interface DetectHints {
  readonly title?: string;
  readonly fileName?: string;
}

// ── Names ────────────────────────────────────────────────────────────────────────────────────────────────────────

/** How an organisation's name ends (longest first where one ends another). */
const ORG_END = /(?:人民政府|管理委员会|街道办事处|委员会|管委会|办事处|办公室|政府办|政府|委|局|厅|中心|院|署|部|处|所|站|队|馆|社)$/u;
/** Words and characters that never occur in an organisation's name: a stretch holding one is prose. */
const PROSE = /[了的我本年月在是为等着]|编制|编写|汇总|根据|依据|按照|遵照|请|联系|要求|通知|条例|有关|关于|进行|公布|发布|印发|报告|办法|规定|以下|现将|现予|负责|坚持|贯彻|落实|开展|加强|推进/u;
/** An office inside an organisation (who compiled the report), not the organisation. */
const INTERNAL_UNIT = /^(?:综合|政务公开|政务|信息公开|政府信息公开|政策法规|法规|法制|秘书|行政|机关|文秘|党政)(?:办公室|处|科|股|室|中心)$/u;
/** A stretch of Han characters (brackets allowed) without prose words: may be a name, not yet an organisation's. */
const plain = (s: string): boolean => /^[\p{Script=Han}（）()]{1,40}$/u.test(s) && !PROSE.test(s);

/** Whether a stretch looks like an organisation's name: a plain stretch ending in 局/厅/委/人民政府 … after ≥ 2 characters. */
export function isOrganizationName(s: string): boolean {
  const end = ORG_END.exec(s);
  return plain(s) && end !== null && s.length - end[0].length >= 2 && !INTERNAL_UNIT.test(s);
}

/** Words that lead into a name in a sentence (发布河北省教育厅2021年…, 由淮安市人民政府办公室…): cut before the name. */
const LEAD_IN = /现予?公布|予以公布|公布|发布|印发|编写了?|编制了?|形成了?|关于|现将|特将?|按照|根据|依据|[了由是为对向]/u;
/** The name that ends a stretch of prose: its last run of Han characters, after the last lead-in word. */
function nameBefore(prose: string): string {
  const run = /[\p{Script=Han}（）()]*$/u.exec(prose)?.[0] ?? '';
  return run.split(LEAD_IN).pop() ?? '';
}

const SHORT_NAMES: readonly (readonly [string, string])[] = [
  ['管委会', '管理委员会'],
  ['高新区', '高新技术产业开发区'],
  ['经开区', '经济技术开发区'],
];
/** Names of zones that say nothing of where they are until a place is put before them. */
const GENERIC = /^(高新技术产业开发区|经济技术开发区|经济开发区|示范区|开发区|新区|产业集聚区)/;
const OFFICIAL = /[\p{Script=Han}（）()]{2,30}?(?:管理委员会|人民政府|委员会|局|厅|办公室)/gu;
const NOT_PLACE = /[了的为在是我全本该各有和与及对将把被从发布年区县市镇乡]/;

const expand = (name: string): string => SHORT_NAMES.reduce((s, [a, b]) => s.replaceAll(a, b), name);

/** Whether `short` reads as an abbreviation of `long` (its characters appear in order). */
function abbreviates(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i += 1;
  return i === short.length && long.length > short.length;
}

// ── Titles ───────────────────────────────────────────────────────────────────────────────────────────────────────

const KIND = '(?:政府信息公开(?:和政务公开)?|政务信息公开|政务公开|信息公开)';
const HAN = '[\\p{Script=Han}（）()]';
/** Whole titles a truncated one may be the start of. */
const TAILS = ['政府信息公开工作年度报告', '政府信息公开年度报告', '政府信息公开工作报告', '政府信息公开报告', '政府信息公开和政务公开工作年度报告', '政务公开工作年度报告', '政务公开年度报告', '信息公开工作年度报告'];
/** NAME 2023年(NAME)政府信息公开工作年度报告 TRAIL. */
const FULL = new RegExp(`^(.*?)(\\d{4})年度?(${HAN}{0,30}?)${KIND}(?:工作)?(?:年度)?(?:报告|年报)(.*)$`, 'u');
/** NAME政府信息公开工作年度报告（2023年）TRAIL. */
const YEAR_AFTER = new RegExp(`^(.*?)${KIND}(?:工作)?(?:年度)?报告[（(](\\d{4})年?度?[）)](.*)$`, 'u');
/** NAME 2023年政府信息公开工作年度报... (cut off by a crawler or a page). */
const TRUNCATED = new RegExp(`^(.*?)(\\d{4})年度?(${HAN}*)(?:\\.{2,}|…+|⋯+)$`, 'u');
/** Breadcrumb separators, and those between a page title and its site's name. */
const SEPARATOR = /[>＞»›|｜_＿:：\-—–]+/u;
/** What may follow a title: (全文), 的通知, an ellipsis, or a site name after a separator. */
const TRAIL = /^(?:[（(][^）)]{0,12}[）)])?(?:的(?:通知|公告))?(?:[。.]|\.{2,}|…+)?$|^[>＞»›|｜_＿\-—–]/u;

interface Title {
  readonly year: number;
  /** The name the title gives ('' when none), not yet checked to be an organisation's. */
  readonly name: string;
  /** Other parts of a page title (site names). */
  readonly sites: readonly string[];
}

/** A line read as a report title, or null when it is not one (prose before the year, another kind of report …). */
function parseTitle(line: string): Title | null {
  const s = line.replace(/[\s《》「」“”"]/g, '').replace(/^[#*]+/, '');
  let pre: string;
  let year: number;
  let mid = '';
  let trail = '';
  const full = FULL.exec(s) ?? null;
  const after = full ? null : YEAR_AFTER.exec(s);
  const cut = full || after ? null : TRUNCATED.exec(s);
  if (full) [pre, year, mid, trail] = [full[1] ?? '', Number(full[2]), full[3] ?? '', full[4] ?? ''];
  else if (after) [pre, year, trail] = [after[1] ?? '', Number(after[2]), after[3] ?? ''];
  else if (cut) {
    [pre, year] = [cut[1] ?? '', Number(cut[2])];
    const rest = cut[3] ?? '';
    let k = 0;
    for (; k <= rest.length; k += 1) {
      const t = rest.slice(k);
      if (t.length >= 4 && TAILS.some((tail) => tail.startsWith(t)) && (k === 0 || plain(rest.slice(0, k)))) break;
    }
    if (k > rest.length) return null;
    mid = rest.slice(0, k);
  } else return null;
  if (year < 1990 || year > 2100 || !TRAIL.test(trail)) return null;
  const pieces = pre.split(SEPARATOR);
  // 关于… / …关于2023年度…报告的公告: the words around a name, not the name.
  const own = (pieces.pop() ?? '').replace(/^(?:关于|现予?公布|公布|发布|印发)/, '').replace(/关于(?:印发|发布|公布)?$/, '');
  if ((own !== '' && !plain(own)) || (mid !== '' && !plain(mid))) return null;
  const sites = [...pieces, ...trail.split(SEPARATOR)].filter((p) => isOrganizationName(p));
  // 淮安市人民政府信息公开… : the 政府 of the name was read as the start of 政府信息公开.
  const name = own || mid;
  const fixed = /人民$/.test(name) && isOrganizationName(`${name}政府`) ? `${name}政府` : name;
  return { year, name: fixed, sites };
}

/** A line that names another report (a web page's links), not this one's title. */
const LINK_LINE = /^\s*(相关链接|相关阅读|相关文件|相关文章|相关报告|上一篇|下一篇|推荐阅读|链接)\s*[：:]/;

interface Found<T> {
  readonly value: T;
  readonly evidence: string;
}

const quote = (s: string): string => (s.length > 60 ? `${s.slice(0, 60)}…` : s);

/**
 * The report's title near the top of the text: a line (or two or three short lines: a title broken over lines) that
 * reads as a title. Lines linking to other reports (相关链接：…, 上一篇：…) are never the title.
 */
function findTitle(text: string): { title: Title; at: string; end: number } | null {
  const lines: { text: string; end: number }[] = [];
  let offset = 0;
  // Tabs too: a crawled page's runs of line breaks may have been rewritten as cell separators (./line-runs.ts).
  for (const raw of text.slice(0, 8000).split(/[\n\t]/)) {
    const end = offset + raw.length;
    offset = end + 1;
    if (raw.trim() !== '' && !LINK_LINE.test(raw)) lines.push({ text: raw.replace(/\s+/g, ''), end });
    if (lines.length >= 60) break;
  }
  for (let i = 0; i < lines.length; i += 1) {
    for (let n = 1; n <= 3 && i + n <= lines.length; n += 1) {
      const group = lines.slice(i, i + n);
      // A title broken over lines: short lines, no sentence punctuation.
      if (n > 1 && group.some((l, j) => /[。；;，,]/.test(l.text) || (j > 0 && l.text.length > 40))) break;
      const at = group.map((l) => l.text).join('');
      const title = parseTitle(at);
      if (title) return { title, at, end: group[group.length - 1]?.end ?? 0 };
    }
  }
  return null;
}

/** A report named by a link line, when no title is printed: the weakest evidence of the year. */
function linkedTitle(text: string): { title: Title; at: string } | null {
  for (const line of text.slice(0, 8000).split('\n')) {
    if (!LINK_LINE.test(line)) continue;
    const at = line.replace(LINK_LINE, '').trim();
    const title = parseTitle(at);
    if (title) return { title, at };
  }
  return null;
}

// ── The first sentences ─────────────────────────────────────────────────────────────────────────────────────────

const IN_SENTENCE = new RegExp(`(\\d{4})年度?(${HAN}{0,30}?)${KIND}(?:工作)?(?:年度)?报告`, 'gu');
const COMPILED_BY = /由([\p{Script=Han}（）()]{2,40}?)(?:根据|依据|按照|汇总|编制|编写|负责|牵头|会同|结合|统一)/u;
const COMPILES = /(?:编制|编写|制定|形成)了?(?:本|此|该|《)/gu;
const PERIOD = /统计(?:期限|时限|时间|区间|期间|时段)?[^。]{0,15}?(\d{4})年0?1月0?1日/u;
const TERRITORY = /我(?:市|县|区|镇|乡|旗|州|盟)/u;

/** Organisation and year from the body's first sentences (……市科委编制了本报告；现公布河北省科学技术厅2021年…). */
function firstSentences(text: string): { name: Found<string> | null; year: Found<number> | null } {
  const head = text.slice(0, 1500).replace(/\s+/g, '');
  const sentences = head.split(/(?<=。)/).slice(0, 3).join('').slice(0, 500);
  let name: Found<string> | null = null;
  let year: Found<number> | null = null;
  for (const m of sentences.matchAll(IN_SENTENCE)) {
    const y = Number(m[1]);
    if (y < 1990 || y > 2100) continue;
    const at = sentences.slice(0, m.index).slice(-30) + m[0];
    year ??= { value: y, evidence: at };
    const n = nameBefore(sentences.slice(0, m.index)) || (plain(m[2] ?? '') ? (m[2] ?? '') : '');
    if (!name && n !== '') name = { value: n, evidence: at };
  }
  if (!name) {
    const by = COMPILED_BY.exec(sentences);
    let n = by?.[1] ?? '';
    // 本报告由某市人民政府办公室…编制: the office compiles its government's report (a government says 我市/我县).
    if (/人民政府办公室$/.test(n) && TERRITORY.test(text)) n = n.replace(/办公室$/, '');
    if (by && isOrganizationName(n)) name = { value: n, evidence: by[0] };
  }
  if (!name) {
    for (const m of sentences.matchAll(COMPILES)) {
      const n = nameBefore(sentences.slice(0, m.index));
      if (isOrganizationName(n)) {
        name = { value: n, evidence: `${n}${m[0]}` };
        break;
      }
    }
  }
  const period = PERIOD.exec(sentences);
  // The statistics period's year is held to the same range as the others (a mangled "12 34年" is no year).
  const periodYear = Number(period?.[1]);
  if (!year && period && periodYear >= 1990 && periodYear <= 2100) year = { value: periodYear, evidence: period[0] };
  return { name, year };
}

// ── The signature ───────────────────────────────────────────────────────────────────────────────────────────────

const CN_DIGITS: Readonly<Record<string, number>> = { 〇: 0, 零: 0, '○': 0, Ｏ: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
function cnNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.length === 4) return Number([...s].map((c) => CN_DIGITS[c] ?? 0).join(''));
  // 十, 十二, 二十, 二十一
  const [tens, ones] = s.includes('十') ? s.split('十') : ['', s];
  return (s.includes('十') ? (tens === '' ? 1 : (CN_DIGITS[tens ?? ''] ?? 0)) * 10 : 0) + (ones === '' ? 0 : (CN_DIGITS[ones ?? ''] ?? 0));
}
const DATE_END = /(\d{4}|[〇零○Ｏ一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日[)）]?$/u;

/** The signature at the end: a name, then a date line (…河北省教育厅2022年1月20日). */
function signature(text: string): { name: Found<string> | null; year: Found<number> | null } {
  const lines = text.slice(-3000).split('\n').map((l) => l.replace(/\s+/g, '')).filter((l) => l !== '').slice(-12);
  let year: Found<number> | null = null;
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i] ?? '';
    const m = DATE_END.exec(line);
    if (!m) continue;
    const [y, month] = [cnNumber(m[1] ?? ''), cnNumber(m[2] ?? '')];
    // A report is published early in the year after the one it covers.
    const covered = y >= 1991 && y <= 2101 && month >= 1 && month <= 6 ? { value: y - 1, evidence: `${m[0]}（发布日期）` } : null;
    year ??= covered;
    const before = line.slice(0, m.index).split(/[。；;！!？?，,：:、]/).pop() ?? '';
    const name = (before !== '' ? before : (lines[i - 1] ?? '')).replace(/[（(]盖章[）)]$/, '');
    if (isOrganizationName(name)) return { name: { value: name, evidence: `${name}${m[0]}` }, year: covered ?? year };
  }
  return { name: null, year };
}

// ── The file name ───────────────────────────────────────────────────────────────────────────────────────────────

function fromFileName(fileName: string): { name: Found<string> | null; year: Found<number> | null } {
  const base = fileName.split(/[\\/]/).pop()?.replace(/\.[A-Za-z0-9]{1,5}$/, '') ?? '';
  const title = parseTitle(base);
  if (title) return { name: title.name ? { value: title.name, evidence: base } : null, year: { value: title.year, evidence: base } };
  // A year alone in the name (report-2021.pdf), not a date (2022-01-20), not in a hash (a2021f), not one of several.
  const years = [...base.matchAll(/(?<![\dA-Za-z])(19\d{2}|20\d{2})(?![\dA-Za-z]|[-_.]\d{1,2}[-_.]\d{1,2})/g)].map((m) => Number(m[1]));
  const distinct = [...new Set(years)];
  return { name: null, year: distinct.length === 1 && (distinct[0] ?? 0) >= 1990 ? { value: distinct[0] ?? 0, evidence: base } : null };
}

// ── Putting it together ─────────────────────────────────────────────────────────────────────────────────────────

/** Where a piece of evidence was found, as the evidence string says it. */
const WHERE = { title: '标题', page: '网页标题', first: '正文首句', signature: '落款', file: '文件名', link: '相关链接' } as const;

/** A name completed from the body: the full name of which it is an abbreviation, or the place of a generic zone. */
function resolveName(name: string, body: string, officials: readonly string[]): { value: string; how?: string } | null {
  const full = expand(name);
  const longer = (suffixed: boolean) => {
    const found = officials.filter((o) => abbreviates(name, o) && !GENERIC.test(expand(o)) && (!suffixed || o.slice(-3).includes(name.slice(-1))));
    const count = (o: string) => found.filter((f) => f === o).length;
    return [...new Set(found)].sort((a, b) => count(b) - count(a) || b.length - a.length)[0] ?? null;
  };
  if (GENERIC.test(full)) {
    const l = longer(false);
    if (l) return { value: l, how: '正文全称' };
    // A generic zone name: the place the body puts before the zone's short name (南阳高新区), seen at least twice.
    const short = SHORT_NAMES.find(([, long]) => full.startsWith(long))?.[0] ?? '';
    if (!short) return null;
    const counts = new Map<string, number>();
    for (const m of body.matchAll(new RegExp(`([\\p{Script=Han}]{2})${short}`, 'gu'))) {
      const place = m[1] ?? '';
      if (!NOT_PLACE.test(place)) counts.set(place, (counts.get(place) ?? 0) + 1);
    }
    const [place, seen] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    if (seen < 2 || !isOrganizationName(`${place}${full}`)) return null;
    return { value: `${place}${full}`, how: `正文“${place}${short}”${seen}次` };
  }
  if (isOrganizationName(full)) {
    // 市科委, 省教育厅, 上海市科委, 高新区管委会: a name without its place or with a short form (…委, not …委员会),
    // completed when the body gives the full name. A full name is kept: 某市人民政府 is not 某市某区人民政府.
    const abbreviated = /^[省市县区州盟旗镇乡]/u.test(name) || (/委$/u.test(name) && !/委员会$/u.test(name)) || name !== full;
    const l = abbreviated ? longer(true) : null;
    return l ? { value: l, how: '正文全称' } : { value: full };
  }
  // A bare place (东山县2023年…报告) is its government's report — when the body names that government; never one of
  // the place's departments the body happens to name.
  if (/[省市县区镇乡州旗盟]$/u.test(name)) {
    const government = [`${name}人民政府`, `${name}政府`].find((g) => body.includes(g));
    return government ? { value: government, how: '正文全称' } : null;
  }
  // Not an organisation's name (平原示范区): only the full name the body gives will do.
  const l = longer(false);
  return l ? { value: l, how: '正文全称' } : null;
}

export interface DetectedMetadata {
  readonly year: Detected<number> | null;
  readonly organization: Detected<string> | null;
}

/**
 * The report's year and organisation, from (in order of trust) the title — also broken over lines or cut off —, the
 * page title (HTML <title>/meta), the body's first sentences, the signature at the end, the file name. The year is the
 * year the report covers; a signature date gives that year minus one, the weakest evidence. A name must look like an
 * organisation's (isOrganizationName) — never a fragment of prose; an abbreviation is completed from the body.
 * Each answer's evidence says where it was found (标题/网页标题/正文首句/落款/文件名).
 */
export function detectMetadata(index: TextIndex, hints: DetectHints = {}): DetectedMetadata {
  const text = index.text;
  const title = findTitle(text);
  const page = (hints.title ?? '')
    .split('\n')
    .map((l) => ({ at: l.trim(), title: parseTitle(l) }))
    .filter((p) => p.at !== '');
  const pageTitle = page.find((p) => p.title);
  const first = firstSentences(text.slice(title?.end ?? 0));
  const sign = signature(text);
  const file = hints.fileName ? fromFileName(hints.fileName) : { name: null, year: null };
  const link = title ? null : linkedTitle(text);
  const sites = page.flatMap((p) => (p.title ? p.title.sites : p.at.replace(/\s+/g, '').split(SEPARATOR).filter((s) => isOrganizationName(s))));

  const years: [keyof typeof WHERE, Found<number> | null][] = [
    ['title', title ? { value: title.title.year, evidence: title.at } : null],
    ['page', pageTitle?.title ? { value: pageTitle.title.year, evidence: pageTitle.at } : null],
    ['first', first.year],
    ['file', file.year],
    ['link', link ? { value: link.title.year, evidence: link.at } : null],
    ['signature', sign.year],
  ];
  const [yWhere, y] = years.find(([, f]) => f !== null) ?? ['title', null];
  const year = y ? { value: y.value, evidence: `${WHERE[yWhere]}：${quote(y.evidence)}` } : null;

  const names: [keyof typeof WHERE, Found<string> | null][] = [
    ['title', title?.title.name ? { value: title.title.name, evidence: title.at } : null],
    ['page', pageTitle?.title?.name ? { value: pageTitle.title.name, evidence: pageTitle.at } : null],
    ['first', first.name],
    ['signature', sign.name],
    ...sites.map((s): [keyof typeof WHERE, Found<string>] => ['page', { value: s, evidence: s }]),
    ['file', file.name],
  ];
  const body = index.viewText(0, text.length);
  let officials: string[] | null = null;
  let organization: Detected<string> | null = null;
  for (const [where, found] of names) {
    if (!found) continue;
    officials ??= [...body.matchAll(OFFICIAL)].map((m) => (m[0].split(LEAD_IN).pop() ?? '')).filter((o) => isOrganizationName(o));
    const resolved = resolveName(found.value, body, officials);
    if (!resolved) continue;
    const how = resolved.how ? ` → ${resolved.value}（${resolved.how}）` : '';
    organization = { value: resolved.value, evidence: `${WHERE[where]}：${quote(found.evidence)}${how}` };
    break;
  }
  return { year, organization };
}

/** The report year (see detectMetadata). */
export function detectYear(index: TextIndex, hints: DetectHints = {}): Detected<number> | null {
  return detectMetadata(index, hints).year;
}

/** The organisation (see detectMetadata); null when nothing names an identifiable body. */
export function detectOrganization(index: TextIndex, hints: DetectHints = {}): Detected<string> | null {
  return detectMetadata(index, hints).organization;
}
