/**
 * Generate seed/calendar/china.json — our own, editable working-day calendar (holidays and 调休 make-up workdays with
 * their Chinese names, and the years covered) — from the npm package chinese-days, which transcribes the State
 * Council's annual notices on holiday arrangements (国务院办公厅关于××年部分节假日安排的通知) since 2004.
 *
 * chinese-days is a devDependency used by this script only: the product reads the JSON file, never the package.
 *
 * Regenerate (after `npm install --save-dev chinese-days@latest` when a new year is out):
 *   node --import tsx scripts/seed-calendar.ts            write seed/calendar/china.json
 *   node --import tsx scripts/seed-calendar.ts --check    exit 1 if the committed file differs from a fresh run
 * Then read the diff against the official notice (gov.cn) before committing. A single new year can instead be loaded
 * without a package update: `gongkai calendar add-year FILE` (docs/calendar.md).
 *
 * Names follow the notices: 清明 → 清明节, 端午 → 端午节, 中秋 → 中秋节; a run of consecutive days off that the
 * package labels with several holidays (2025-10-01..08: 国庆节 and 中秋) takes the joint name of the notice
 * (国庆节、中秋节), and so do its make-up workdays. CORRECTIONS below patches what the package cannot know.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCalendar, stringifyCalendar, type CalendarData, type NamedDate } from '../src/core/calendar/calendar.ts';
import { addDays, daysBetween, yearOf } from '../src/core/calendar/dates.ts';

const PACKAGE = new URL('../node_modules/chinese-days/', import.meta.url);
const OUT = fileURLToPath(new URL('../seed/calendar/china.json', import.meta.url));
const FIRST_YEAR = 2004;

/** chinese-days' Chinese names → the notices' names. */
const OFFICIAL_NAME: Readonly<Record<string, string>> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

/**
 * Names the package cannot derive: 2020's Mid-Autumn Festival fell on 1 October, so the package labels the whole run
 * 国庆节 — the notice (国办发明电〔2019〕16号) says “国庆节、中秋节：10月1日至8日放假调休，共8天。9月27日（星期日）、
 * 10月10日（星期六）上班”.
 */
const CORRECTIONS: readonly { from: string; to: string; name: string }[] = [{ from: '2020-09-27', to: '2020-10-10', name: '国庆节、中秋节' }];

interface ChineseDays {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** 'Spring Festival,春节,4' → '春节' (official form). */
function chineseName(value: string): string {
  const zh = value.split(',')[1]?.trim() ?? '';
  if (zh === '') throw new Error(`no Chinese name in ${JSON.stringify(value)}`);
  return OFFICIAL_NAME[zh] ?? zh;
}

/** Group consecutive days off into runs; a run labelled with several holidays takes their joint name. */
function nameRuns(holidays: NamedDate[]): { entries: NamedDate[]; runs: { from: string; to: string; names: string[]; name: string }[] } {
  const sorted = [...holidays].sort((a, b) => (a.date < b.date ? -1 : 1));
  const runs: { from: string; to: string; names: string[]; name: string }[] = [];
  for (const h of sorted) {
    const last = runs.at(-1);
    if (last && addDays(last.to, 1) === h.date) {
      last.to = h.date;
      if (!last.names.includes(h.name)) last.names.push(h.name);
    } else runs.push({ from: h.date, to: h.date, names: [h.name], name: '' });
  }
  for (const r of runs) r.name = r.names.join('、');
  const runOf = (date: string) => runs.find((r) => r.from <= date && date <= r.to);
  return { entries: sorted.map((h) => ({ date: h.date, name: runOf(h.date)?.name ?? h.name })), runs };
}

function build(): { data: CalendarData; version: string } {
  const pkg = JSON.parse(readFileSync(new URL('package.json', PACKAGE), 'utf8')) as { version: string };
  const source = JSON.parse(readFileSync(new URL('dist/chinese-days.json', PACKAGE), 'utf8')) as ChineseDays;
  const raw = (table: Record<string, string>) => Object.entries(table).map(([date, v]) => ({ date, name: chineseName(v) }));
  const { entries: holidays, runs } = nameRuns(raw(source.holidays));
  // A make-up workday is named after the nearest run of days off that it makes up for.
  const workdays = raw(source.workdays).map((w) => {
    const candidates = runs.filter((r) => r.names.includes(w.name));
    const distance = (r: (typeof runs)[number]) => Math.min(Math.abs(daysBetween(w.date, r.from)), Math.abs(daysBetween(w.date, r.to)));
    const best = candidates.sort((a, b) => distance(a) - distance(b))[0];
    return { date: w.date, name: best?.name ?? w.name };
  });
  const patch = (e: NamedDate) => ({ ...e, name: CORRECTIONS.find((c) => c.from <= e.date && e.date <= c.to)?.name ?? e.name });
  const years = [...new Set([...holidays, ...workdays].map((e) => yearOf(e.date)))].sort((a, b) => a - b);
  const lastYear = years.at(-1) ?? FIRST_YEAR;
  const coveredYears = Array.from({ length: lastYear - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
  const missing = coveredYears.filter((y) => !years.includes(y));
  if (missing.length > 0 || years[0] !== FIRST_YEAR) throw new Error(`chinese-days has no entries for ${missing.join(', ') || years[0]}`);
  const sources = Object.fromEntries(coveredYears.map((y) => [String(y), `chinese-days ${pkg.version}（国务院办公厅${y}年部分节假日安排的通知）`]));
  const data: CalendarData = {
    note: `由 scripts/seed-calendar.ts 自 chinese-days ${pkg.version} 生成，可编辑；新年度用 gongkai calendar add-year 载入。 / Generated by scripts/seed-calendar.ts from chinese-days ${pkg.version}; editable; load a new year with gongkai calendar add-year.`,
    coveredYears,
    sources,
    holidays: holidays.map(patch),
    workdays: workdays.map(patch),
  };
  return { data, version: pkg.version };
}

const { data, version } = build();
const checked = createCalendar(data);
if (!checked.ok) {
  console.error(checked.problems.map((p) => `${p.at}: ${p.message}`).join('\n'));
  process.exit(1);
}
const text = stringifyCalendar(data);
if (process.argv.includes('--check')) {
  const current = readFileSync(OUT, 'utf8');
  if (current !== text) {
    console.error(`seed/calendar/china.json differs from a fresh run on chinese-days ${version}`);
    process.exit(1);
  }
  console.log(`seed/calendar/china.json is up to date (chinese-days ${version})`);
} else {
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT}: ${data.coveredYears[0]}-${data.coveredYears.at(-1)}, ${data.holidays.length} days off, ${data.workdays.length} make-up workdays (chinese-days ${version})`);
}
