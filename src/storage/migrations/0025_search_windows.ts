/**
 * 0025: PostgreSQL's search_window_keys (migration 0021) with calendar windows of few tokens (docs/decisions.md
 * "Search at a million documents, measured"). 0021's windows of 1, 8, 64 and 512 days were spelled as every whole year,
 * month and day they held — up to forty-odd tokens ORed — and at 1,000,000 documents GIN spent 10-46 ms on the
 * 512-day one (the work grows with the number of entries in the OR, not with their size: two year tokens of 100,000
 * documents each cost 2.5 ms). Now the windows, newest first, are: the newest day (one day token); the 7 days before
 * (seven); the rest of that month and the month before (two month tokens); the rest of that year and the year before
 * (two year tokens); then the rest of the range with no date token — at once after the first 8 days when, at the rate
 * found there, the whole range holds at most 2,000 matches (a rare term: the two bigger windows would cost more). A window's tokens may hold days of the windows
 * already read: the key range of the window (keys are date-major) removes them on the narrow rows read. The answer is
 * the same (the first `lim` keys after `after` below `hi`, in key order); only the cost changes. SQLite: nothing.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';

const WINDOW_KEYS = `
CREATE OR REPLACE FUNCTION search_window_keys(base text, after bigint, hi bigint, lim integer) RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $fn$
DECLARE
  first_key bigint;
  newest date;
  whi date;
  wlo date;
  toks text;
  lo_key bigint;
  hi_key bigint;
  last_key bigint;
  span integer;
  found_keys bigint[] := '{}';
  batch bigint[];
BEGIN
  SELECT key INTO first_key FROM search_tokens WHERE key > after AND key < hi ORDER BY key LIMIT 1;
  IF first_key IS NULL THEN RETURN; END IF;
  lo_key := after + 1;
  IF first_key / 4294967296 < 131072 THEN
    newest := DATE '1900-01-01' + (131071 - (first_key / 4294967296))::integer;
    -- The range's days (its oldest dated key), to tell a rare term after the first 8 days.
    SELECT key INTO last_key FROM search_tokens WHERE key > after AND key < least(hi, 131072::bigint * 4294967296) ORDER BY key DESC LIMIT 1;
    span := (last_key / 4294967296 - first_key / 4294967296)::integer + 1;
    whi := newest;
    FOR w IN 1..4 LOOP
      IF w = 1 THEN
        wlo := whi;
        toks := format('''xd%s''', to_char(whi, 'YYYYMMDD'));
      ELSIF w = 2 THEN
        wlo := whi - 6;
        SELECT string_agg(format('''xd%s''', to_char(d, 'YYYYMMDD')), ' | ') INTO toks FROM generate_series(wlo, whi, interval '1 day') AS g(d);
      ELSIF w = 3 THEN
        wlo := (date_trunc('month', whi) - interval '1 month')::date;
        toks := format('''xm%s'' | ''xm%s''', to_char(whi, 'YYYYMM'), to_char(wlo, 'YYYYMM'));
      ELSE
        wlo := make_date(extract(year FROM whi)::integer - 1, 1, 1);
        toks := format('''xy%s'' | ''xy%s''', to_char(whi, 'YYYY'), to_char(wlo, 'YYYY'));
      END IF;
      -- The window's keys: from its newest day (the smallest key) to the day before its oldest.
      hi_key := (131072 - (wlo - DATE '1900-01-01'))::bigint * 4294967296;
      IF hi_key > lo_key THEN
        EXECUTE format('SELECT array_agg(key) FROM (SELECT key FROM search_tokens WHERE tsv @@ %L::tsquery AND key >= %s AND key < %s ORDER BY key + 0 LIMIT %s) w',
          '(' || base || ') & (' || toks || ')', lo_key, least(hi_key, hi), lim - coalesce(array_length(found_keys, 1), 0)) INTO batch;
        found_keys := found_keys || coalesce(batch, '{}');
        IF coalesce(array_length(found_keys, 1), 0) >= lim OR hi_key >= hi THEN
          RETURN QUERY SELECT unnest(found_keys);
          RETURN;
        END IF;
        lo_key := hi_key;
      END IF;
      whi := wlo - 1;
      -- After 8 days: when the matches of the whole range, at this rate, are few (at most 2,000 narrow rows), rank
      -- them at once rather than read two more windows.
      EXIT WHEN w = 2 AND (coalesce(array_length(found_keys, 1), 0) + 1) * span <= 2000 * 8;
    END LOOP;
  END IF;
  -- The rest of the range at once: the term is rare there (the windows found fewer than asked), or undated.
  RETURN QUERY SELECT unnest(found_keys);
  RETURN QUERY EXECUTE format('SELECT key FROM search_tokens WHERE tsv @@ %L::tsquery AND key >= %s AND key < %s ORDER BY key + 0 LIMIT %s', base, lo_key, hi, lim - coalesce(array_length(found_keys, 1), 0));
END
$fn$`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) return;
  await sql.raw(WINDOW_KEYS).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(_db: Kysely<any>): Promise<void> {
  // 0021's function is kept in 0021; going down past 0025 alone leaves the newer one (same answers).
}
