/**
 * The database schema as Kysely sees it: one interface per table, the same on SQLite and PostgreSQL. Columns are
 * engine-neutral on purpose: ids and dates are text (ISO 8601), so neither driver converts them (pg would turn a
 * `date` column into a JS Date in the server's time zone). Created by ./migrations (0001_initial).
 */
import type { ColumnType } from 'kysely';

/** 机关 (government → department → office): each case belongs to one. */
export interface OrganizationsTable {
  id: string;
  parent_id: string | null;
  name: string;
  kind: 'government' | 'department' | 'office';
  /** An optional code (统一社会信用代码 or an internal one). */
  code: string | null;
  created_at: string;
}

/** One day of a covered year that differs from Monday-to-Friday: a day off (放假) or a 调休 make-up workday. */
export interface CalendarDaysTable {
  date: string;
  kind: 'holiday' | 'makeUpWorkday';
  name: string;
  source: string | null;
}

/** A year whose holiday notice is loaded entirely (the calendar knows every day of it). */
export interface CalendarYearsTable {
  year: number;
  source: string | null;
  loaded_at: ColumnType<string, string, string>;
}

export interface Database {
  organizations: OrganizationsTable;
  calendar_days: CalendarDaysTable;
  calendar_years: CalendarYearsTable;
}

/** `count(*)`: SQLite returns a number, pg a string (bigint); always a number here. */
export function countOf(value: string | number | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}
