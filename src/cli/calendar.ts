/**
 * `gongkai calendar deadlines|proof|add-year|show`: the working-day calendar (工作日, 条例 Art. 30-34) and the
 * deadlines counted on it. The calendar is the database's holiday table (calendar_days, calendar_years; DATABASE_URL,
 * else SQLite in the data folder), seeded from seed/calendar/china.json when empty; add-year writes a year into it.
 * It is read afresh on every run (never cached). A year not loaded (2025 on) is counted provisionally under
 * 《全国年节及纪念日放假办法》第二条 (seed/calendar/lunar.json): such dates are printed with 暂定 and exit 1, like a
 * date that could not be computed, so that scripts notice. Exit statuses are listed in CALENDAR_HELP.
 */
import { basename, resolve } from 'node:path';
import { createCalendar, yearEntries, type CalendarData, type NamedDate } from '../core/calendar/calendar.ts';
import { HOLIDAY_MEASURES, PROVISIONAL_NOTE, statutoryHolidays, type LunarYear } from '../core/calendar/statutory-holidays.ts';
import { addDays, isIsoDate, weekdayZh } from '../core/calendar/dates.ts';
import { fillDeadlineTable, parseDeadlineTable } from '../core/calendar/deadline-table.ts';
import { computeDeadlines, type Pause } from '../core/calendar/deadlines.ts';
import { parseHolidayNotice } from '../core/calendar/notice-file.ts';
import { formatDeadlineProof } from '../core/calendar/proof.ts';
import { notCoveredProblem } from '../core/calendar/working-days.ts';
import { formatProblem, problem, type Problem } from '../core/errors.ts';
import { readConfig } from '../server/config.ts';
import { refreshNextDue, type Clock } from '../app/applications/index.ts';
import { addCalendarYear } from '../app/calendar/index.ts';
import { systemClock } from '../server/clock.ts';
import { applicationDeps } from '../storage/application-deps.ts';
import { kyselyCalendar } from '../storage/calendar.ts';
import { withCliDatabase } from './database.ts';
import { CALENDAR_HELP } from './help.ts';
import type { CliDeps } from './io.ts';
import { EXIT, commandArgs, printProblems, usage } from './output.ts';

const OPTIONS = {
  data: { type: 'string' },
  replace: { type: 'boolean' },
  json: { type: 'boolean' },
  extension: { type: 'string' },
  pause: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

type Env = Readonly<Record<string, string | undefined>>;
/** Where the calendar lives: the data folder and the database URL. */
interface Store {
  readonly dataDir: string;
  readonly url: string | undefined;
}
type Loaded = { ok: true; data: CalendarData; lunar: readonly LunarYear[]; where: string } | { ok: false; problems: Problem[] };

const BAD_ARGS = '参数有误 / bad arguments';
const located = (file: string, problems: readonly Problem[]) => problems.map((p) => ({ ...p, at: p.at ? `${file} ${p.at}` : file }));
const unreadable = (file: string, error: unknown) => {
  const msg = error instanceof Error ? error.message : String(error);
  return problem('input.unreadable', file, { zh: msg, en: msg });
};

/** The calendar in force: the database's holiday table (seeded on first use), with the lunar dates of the provisional years. */
async function loadCalendar(store: Store): Promise<Loaded> {
  return withCliDatabase(store.dataDir, store.url, async ({ db, where }) => {
    const repo = kyselyCalendar(db);
    return { ok: true as const, data: await repo.load(), lunar: await repo.lunarYears(), where };
  });
}

/** The stderr note on provisional dates (暂定). */
const provisionalNote = (years: readonly number[]) =>
  `暂定：${years.join('、')} 年${PROVISIONAL_NOTE.zh}（仅计法定节日，不含调休）；载入该年通知后为正式期限（gongkai calendar add-year 文件） / provisional: ${years.join(', ')}: ${PROVISIONAL_NOTE.en}; final once the notice is loaded (gongkai calendar add-year FILE)`;

async function readInput(deps: CliDeps, file: string): Promise<{ ok: true; text: string } | { ok: false; problem: Problem }> {
  try {
    return { ok: true, text: await deps.files.readText(resolve(deps.cwd, file)) };
  } catch (error) {
    return { ok: false, problem: unreadable(file, error) };
  }
}

async function deadlines(deps: CliDeps, file: string, store: Store): Promise<number> {
  const input = await readInput(deps, file);
  if (!input.ok) return printProblems(deps, '无法读取 / cannot read', [input.problem]);
  const table = parseDeadlineTable(input.text, file);
  if (!table.ok) return printProblems(deps, '期限表有误 / malformed deadline table', table.problems);
  const loaded = await loadCalendar(store);
  if (!loaded.ok) return printProblems(deps, '节假日数据有误 / bad calendar', loaded.problems);
  const cal = createCalendar(loaded.data, { lunar: loaded.lunar });
  if (!cal.ok) return printProblems(deps, '节假日数据有误 / bad calendar', located(loaded.where, cal.problems));
  const { csv, notCovered, provisional } = fillDeadlineTable(cal.calendar, table.table);
  deps.out(csv);
  if (notCovered.length === 0 && provisional.length === 0) return EXIT.ok;
  const yearsOf = (rows: readonly { years: number[] }[]) => [...new Set(rows.flatMap((r) => r.years))].sort();
  if (provisional.length > 0) {
    deps.err(
      `${provisional.map((r) => `  ${file}:${r.line}: 暂定（${r.years.join('、')} 年） / provisional (${r.years.join(', ')})`).join('\n')}\n` +
        `${provisional.length} 行含暂定期限。${provisionalNote(yearsOf(provisional))} / ${provisional.length} rows with provisional deadlines\n`,
    );
  }
  if (notCovered.length > 0) {
    const years = yearsOf(notCovered);
    deps.err(
      `${notCovered.map((r) => `  ${file}:${r.line}: 需要 ${r.years.join('、')} 年的节假日安排 / needs the calendar of ${r.years.join(', ')}`).join('\n')}\n` +
        `${notCovered.length} 行未能计算：${years.join('、')} 年未载入（gongkai calendar add-year 文件） / ${notCovered.length} rows not computed: ${years.join(', ')} not loaded (gongkai calendar add-year FILE)\n`,
    );
  }
  return EXIT.findings;
}

function parsePauses(values: readonly string[]): { ok: true; pauses: Pause[] } | { ok: false; problems: Problem[] } {
  const pauses: Pause[] = [];
  const problems: Problem[] = [];
  for (const v of values) {
    const m = /^(\d{4}-\d{2}-\d{2})(?:\.\.|至)(\d{4}-\d{2}-\d{2})(?::(.+))?$/.exec(v.trim());
    if (!m) problems.push(usage(`--pause 应为 起..止[:原因]，而不是 “${v}”`, `--pause expects FROM..TO[:REASON], not "${v}"`));
    else pauses.push({ from: m[1] ?? '', to: m[2] ?? '', reason: m[3]?.trim() || '征求意见 / consultation' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, pauses };
}

async function proof(deps: CliDeps, received: string, values: { extension?: string; pause?: string[]; json?: boolean }, store: Store): Promise<number> {
  const extensionDays = values.extension === undefined ? 0 : /^\d+$/.test(values.extension) ? Number(values.extension) : Number.NaN;
  const pauses = parsePauses(values.pause ?? []);
  if (!pauses.ok) return printProblems(deps, BAD_ARGS, pauses.problems, CALENDAR_HELP);
  const loaded = await loadCalendar(store);
  if (!loaded.ok) return printProblems(deps, '节假日数据有误 / bad calendar', loaded.problems);
  const cal = createCalendar(loaded.data, { lunar: loaded.lunar });
  if (!cal.ok) return printProblems(deps, '节假日数据有误 / bad calendar', located(loaded.where, cal.problems));
  const r = computeDeadlines(cal.calendar, { received, extensionDays, pauses: pauses.pauses });
  if (!r.ok) return printProblems(deps, BAD_ARGS, r.problems, CALENDAR_HELP);
  if (values.json) deps.out(`${JSON.stringify(r, null, 2)}\n`);
  else deps.out(`${formatDeadlineProof(r.proof).join('\n')}\n`);
  if (r.answerDue.ok && r.answerDue.provisional) {
    deps.err(`答复期限 ${r.answerDue.date}（暂定）。${provisionalNote(r.answerDue.provisionalYears ?? [])} / answer due ${r.answerDue.date} (provisional)\n`);
    return EXIT.findings;
  }
  if (r.answerDue.ok) return EXIT.ok;
  deps.err(`${formatProblem(notCoveredProblem(r.answerDue, 'answerDue'))}\n`);
  return EXIT.findings;
}

async function addYear(deps: CliDeps, file: string, store: Store, replace: boolean, clock: Clock): Promise<number> {
  const input = await readInput(deps, file);
  if (!input.ok) return printProblems(deps, '无法读取 / cannot read', [input.problem]);
  const notice = parseHolidayNotice(input.text, file);
  if (!notice.ok) return printProblems(deps, '放假安排文件有误，未载入 / bad notice file, nothing loaded', notice.problems);
  const now = () => new Date().toISOString();
  const added = await withCliDatabase(store.dataDir, store.url, async ({ db, where }) => {
    const r = await addCalendarYear({ calendar: kyselyCalendar(db, { now }), now }, { ...notice.notice, source: notice.notice.source ?? basename(file) }, { replace });
    if (!r.ok) return r;
    // The stored running deadlines of open cases (provisional ones included) are recomputed on the new year, each change audited.
    const refreshed = await refreshNextDue(applicationDeps(db, clock), { id: null, name: 'gongkai calendar add-year', ip: null });
    return { ok: true as const, where, refreshed };
  });
  if (!added.ok) return printProblems(deps, '未载入 / nothing loaded', added.problems);
  const { year, holidays, workdays, source } = notice.notice;
  const { checked, changed } = added.refreshed;
  deps.err(`已载入 ${year} 年：放假 ${holidays.length} 天、调休上班 ${workdays.length} 天 → ${added.where} / loaded ${year}: ${holidays.length} days off, ${workdays.length} make-up workdays → ${added.where}\n`);
  deps.err(`办理中案件 ${checked} 件，重算当前期限 ${changed.length} 件（每件记入审计日志） / ${checked} open cases, ${changed.length} running deadlines recomputed (each audited)\n`);
  for (const c of changed) deps.err(`  ${c.number}: ${c.from.date ?? '—'} → ${c.to.date ?? '—'}\n`);
  if (/示例|example/i.test(source ?? '')) deps.err(`警告：来源标明这是示例，不是正式通知 / warning: the source says this is an EXAMPLE, not the official notice\n`);
  return EXIT.ok;
}

/** Consecutive days with the same name as one range. */
function ranges(list: readonly NamedDate[]): { from: string; to: string; name: string; days: number }[] {
  const out: { from: string; to: string; name: string; days: number }[] = [];
  for (const e of list) {
    const last = out.at(-1);
    if (last && last.name === e.name && addDays(last.to, 1) === e.date) {
      last.to = e.date;
      last.days += 1;
    } else out.push({ from: e.date, to: e.date, name: e.name, days: 1 });
  }
  return out;
}

async function show(deps: CliDeps, yearText: string, store: Store, json: boolean): Promise<number> {
  if (!/^\d{4}$/.test(yearText)) return printProblems(deps, BAD_ARGS, [usage(`年份应为四位数字，而不是 “${yearText}”`, `the year must have four digits, not "${yearText}"`)], CALENDAR_HELP);
  const year = Number(yearText);
  const loaded = await loadCalendar(store);
  if (!loaded.ok) return printProblems(deps, '节假日数据有误 / bad calendar', loaded.problems);
  const checked = createCalendar(loaded.data);
  if (!checked.ok) return printProblems(deps, '节假日数据有误 / bad calendar', located(loaded.where, checked.problems));
  const { coveredYears } = loaded.data;
  if (!coveredYears.includes(year)) {
    const span = coveredYears.length > 0 ? `${Math.min(...coveredYears)}–${Math.max(...coveredYears)}` : '—';
    deps.err(`${year} 年的节假日安排未载入（已载入：${span}；用 gongkai calendar add-year 文件 载入） / the calendar of ${year} is not loaded (loaded: ${span}; load it with gongkai calendar add-year FILE)\n`);
    const lunar = loaded.lunar.find((l) => l.year === year);
    if (lunar && year >= HOLIDAY_MEASURES.inForceFromYear) {
      const days = statutoryHolidays(lunar).map((d) => `${d.date} ${d.name}`).join('、');
      deps.err(`期限暂按${HOLIDAY_MEASURES.zh}计算（不含调休）：${days} / deadlines count provisionally on the statutory days (no moved days): ${days}\n`);
    }
    return EXIT.findings;
  }
  const { holidays, workdays } = yearEntries(loaded.data, year);
  const source = loaded.data.sources?.[String(year)];
  if (json) {
    deps.out(`${JSON.stringify({ year, source: source ?? null, database: loaded.where, holidays, workdays }, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines = [...ranges(holidays).map((r) => ({ ...r, kind: '休' })), ...workdays.map((w) => ({ from: w.date, to: w.date, name: w.name, days: 1, kind: '班' }))]
    .sort((a, b) => (a.from < b.from ? -1 : 1))
    .map((r) => {
      const when = r.from === r.to ? r.from : `${r.from}..${r.to}`;
      const note = r.from === r.to ? weekdayZh(r.from) : `${weekdayZh(r.from)}至${weekdayZh(r.to)}，${r.days}天`;
      return `${when.padEnd(24)} ${r.name} ${r.kind}   # ${note}`;
    });
  deps.out(
    [
      `# ${year} 年放假与调休上班日（本文件可直接用于 gongkai calendar add-year --replace）`,
      `# holidays (休) and make-up workdays (班) of ${year}, from the database: ${loaded.where}`,
      `年度 ${year}`,
      ...(source ? [`来源 ${source}`] : []),
      ...lines,
      '',
    ].join('\n'),
  );
  return EXIT.ok;
}

/**
 * Run `gongkai calendar …`. `env` gives GONGKAI_DATA_DIR (default ./data) when --data is absent; `clock` dates the
 * recomputed deadlines after add-year. Never throws on bad input.
 */
export async function runCalendar(args: readonly string[], deps: CliDeps, env: Env = process.env, clock: Clock = systemClock): Promise<number> {
  const parsed = commandArgs(args, OPTIONS, CALENDAR_HELP, deps);
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const [sub, ...rest] = positionals;
  if (sub === 'help') {
    deps.out(CALENDAR_HELP);
    return EXIT.ok;
  }
  const config = readConfig({ GONGKAI_DATA_DIR: env.GONGKAI_DATA_DIR, DATABASE_URL: env.DATABASE_URL });
  if (!config.ok) return printProblems(deps, '配置有误 / bad configuration', config.problems);
  const store: Store = { dataDir: resolve(deps.cwd, values.data ?? config.config.dataDir), url: config.config.databaseUrl };
  const one = (what: string, whatEn: string) =>
    rest.length === 1 ? null : printProblems(deps, BAD_ARGS, [usage(`“calendar ${sub}” 需要一个${what}`, `"calendar ${sub}" takes one ${whatEn}`)], CALENDAR_HELP);
  const arg = rest[0] ?? '';
  switch (sub) {
    case 'deadlines':
      return one('CSV 文件', 'CSV file') ?? deadlines(deps, arg, store);
    case 'proof':
      if (rest.length === 1 && !isIsoDate(arg)) return printProblems(deps, BAD_ARGS, [problem('calendar.badDate', arg)], CALENDAR_HELP);
      return one('收到申请的日期', 'date of receipt') ?? proof(deps, arg, values, store);
    case 'add-year':
      return one('放假安排文件', 'notice file') ?? addYear(deps, arg, store, values.replace === true, clock);
    case 'show':
      return one('年份', 'year') ?? show(deps, arg, store, values.json === true);
    default: {
      const p = sub === undefined
        ? usage('缺少子命令', 'missing subcommand')
        : usage(`未知子命令 “${sub}”`, `unknown subcommand "${sub}"`, { subcommands: ['deadlines', 'proof', 'add-year', 'show'] });
      return printProblems(deps, BAD_ARGS, [p], CALENDAR_HELP);
    }
  }
}
