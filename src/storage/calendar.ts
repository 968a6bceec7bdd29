/**
 * The working-day calendar in the database (tables calendar_days and calendar_years, migration 0001): the Kysely
 * implementation of CalendarRepository (src/app/calendar/ports.ts). An empty table is seeded from
 * seed/calendar/china.json (chinese-days, 2004-2026) on first load. The lunar dates of the provisional calendar
 * (seed/calendar/lunar.json, 2025-2100) are a file shipped with gongkai, not a table: they never change.
 */
import { readFile } from 'node:fs/promises';
import type { Kysely, Transaction } from 'kysely';
import type { CalendarRepository } from '../app/calendar/ports.ts';
import { calendarFromJson, type CalendarData, type NamedDate } from '../core/calendar/calendar.ts';
import { yearOf } from '../core/calendar/dates.ts';
import type { HolidayNotice } from '../core/calendar/notice-file.ts';
import { parseLunarYears, type LunarYear } from '../core/calendar/statutory-holidays.ts';
import { DomainError } from '../core/errors.ts';
import { packagePath } from './package-root.ts';
import { countOf, type Database } from './schema.ts';

/** The seed shipped with gongkai. */
export const CALENDAR_SEED = packagePath('seed', 'calendar', 'china.json');

/** Read and validate the seed file. Throws DomainError (calendar.badFile) when it is invalid. */
export async function readCalendarSeed(file = CALENDAR_SEED): Promise<CalendarData> {
  const parsed = calendarFromJson(await readFile(file, 'utf8'));
  if (!parsed.ok) throw new DomainError(parsed.problems.map((p) => ({ ...p, at: p.at ? `${file} ${p.at}` : file })));
  return parsed.calendar.data;
}

/** The lunar and solar-term dates shipped with gongkai (scripts/seed-lunar.ts). */
export const LUNAR_SEED = packagePath('seed', 'calendar', 'lunar.json');

/** Read and validate seed/calendar/lunar.json. Throws DomainError (calendar.badFile, located) when it is invalid. */
export async function readLunarSeed(file = LUNAR_SEED): Promise<LunarYear[]> {
  const parsed = parseLunarYears(await readFile(file, 'utf8'));
  if (!parsed.ok) throw new DomainError(parsed.problems.map((p) => ({ ...p, at: p.at ? `${file} ${p.at}` : file })));
  return parsed.years;
}

// Well under SQLite's and PostgreSQL's limits on bound parameters (4 columns a row).
const CHUNK = 200;

async function insertYear(tx: Transaction<Database>, year: number, source: string | null, loadedAt: string, holidays: readonly NamedDate[], workdays: readonly NamedDate[]): Promise<void> {
  const rows = [
    ...holidays.map((e) => ({ date: e.date, kind: 'holiday' as const, name: e.name, source })),
    ...workdays.map((e) => ({ date: e.date, kind: 'makeUpWorkday' as const, name: e.name, source })),
  ];
  for (let i = 0; i < rows.length; i += CHUNK) await tx.insertInto('calendar_days').values(rows.slice(i, i + CHUNK)).execute();
  await tx.insertInto('calendar_years').values({ year, source, loaded_at: loadedAt }).execute();
}

async function deleteYear(tx: Transaction<Database>, year: number): Promise<void> {
  await tx.deleteFrom('calendar_days').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
  await tx.deleteFrom('calendar_years').where('year', '=', year).execute();
}

/** Load `data` into empty tables, year by year, in one transaction. Does nothing when a year is already loaded. */
export async function seedCalendar(db: Kysely<Database>, data: CalendarData, loadedAt: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('calendar_years').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    if (countOf(row.n as string | number | bigint) > 0) return false;
    for (const year of data.coveredYears) {
      const inYear = (e: NamedDate) => yearOf(e.date) === year;
      await insertYear(tx, year, data.sources?.[String(year)] ?? null, loadedAt, data.holidays.filter(inYear), data.workdays.filter(inYear));
    }
    return true;
  });
}

export interface CalendarStoreOptions {
  /** The data an empty table is seeded with (default: seed/calendar/china.json). */
  readonly seed?: () => Promise<CalendarData>;
  /** The clock, as an ISO 8601 timestamp (loaded_at). */
  readonly now?: () => string;
  /** The lunar dates of the provisional calendar (default: seed/calendar/lunar.json). */
  readonly lunar?: () => Promise<readonly LunarYear[]>;
}

/** CalendarRepository over Kysely; seeds an empty table on the first load. Database errors reject. */
export function kyselyCalendar(db: Kysely<Database>, options: CalendarStoreOptions = {}): CalendarRepository {
  const seed = options.seed ?? (() => readCalendarSeed());
  const now = options.now ?? (() => new Date().toISOString());
  const readLunar = options.lunar ?? (() => readLunarSeed());
  let lunar: Promise<readonly LunarYear[]> | undefined;
  let seeded: Promise<void> | null = null;
  const isEmpty = async (): Promise<boolean> =>
    countOf((await db.selectFrom('calendar_years').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n as string | number | bigint) === 0;
  // Before the first read or write: a year saved into an empty table must not stop the seed from loading. The first
  // requests of a fresh database come at once: they share one seeding (this process), and a seeding that collides
  // with another process's (PostgreSQL: a duplicate key) is fine once the table is filled.
  const ensureSeeded = (): Promise<void> => {
    seeded ??= (async () => {
      if (!(await isEmpty())) return;
      try {
        await seedCalendar(db, await seed(), now());
      } catch (error) {
        if (await isEmpty()) throw error;
      }
    })().catch((error: unknown) => {
      seeded = null;
      throw error;
    });
    return seeded;
  };
  return {
    async load() {
      await ensureSeeded();
      const years = await db.selectFrom('calendar_years').select(['year', 'source']).orderBy('year').execute();
      const days = await db.selectFrom('calendar_days').select(['date', 'kind', 'name']).orderBy('date').execute();
      const sources: Record<string, string> = {};
      for (const y of years) if (y.source !== null) sources[String(y.year)] = y.source;
      return {
        coveredYears: years.map((y) => Number(y.year)),
        holidays: days.filter((d) => d.kind === 'holiday').map((d) => ({ date: d.date, name: d.name })),
        workdays: days.filter((d) => d.kind === 'makeUpWorkday').map((d) => ({ date: d.date, name: d.name })),
        sources,
      };
    },
    async saveYear(notice: HolidayNotice, loadedAt: string) {
      await ensureSeeded();
      await db.transaction().execute(async (tx) => {
        await deleteYear(tx, notice.year);
        await insertYear(tx, notice.year, notice.source ?? null, loadedAt, notice.holidays, notice.workdays);
      });
    },
    lunarYears() {
      // A file that ships with the code and never changes: read once per repository.
      lunar ??= readLunar();
      return lunar;
    },
  };
}
