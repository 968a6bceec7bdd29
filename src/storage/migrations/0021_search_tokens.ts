/**
 * 0021: the search index as one token list per document (core/fulltext/index-tokens.ts, docs/decisions.md "Search at
 * a million documents"): field-tagged text tokens plus filter tokens, so the engines narrow by field and filters inside
 * the index and a page costs about its own length.
 * SQLite: the contentless FTS5 table `search_index` (one column, tokenizer ascii, detail=none, rowid = key) replaces
 * `search_fts` (per-column, detail=column).
 * PostgreSQL: the narrow table `search_tokens` (key, tsv) with the GIN index replaces search_docs.tsv, so that ranking
 * the candidates by key reads small heap rows, never the documents' text; tsv is kept out of line (EXTERNAL,
 * toast_tuple_target 128) so the rows stay small.
 * PostgreSQL also gets search_window_keys (below), the candidate search in date windows, one round trip per page.
 * Documents already indexed are re-tokenised here.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';
import { indexTokens } from '../../core/fulltext/index-tokens.ts';

/**
 * The first `lim` keys in (after, hi) whose tokens match `base` (tsquery text), in key order, without walking the key
 * order through the tsvectors (a rare term would read them all) nor ranking every match of a common term: the GIN
 * bitmap is intersected with a window of publication days (the xd… tokens) starting at the newest key of the range —
 * one day, then the 8, 64 and 512 days before — and only the window's matches are read (narrow rows) and ranked
 * (`key + 0`: never the walk). Keys are date-major, so a window's matches all come before the next one's. When the
 * windows find too few, the term is rare there: the whole range's matches are ranked at once (that answer is complete
 * by itself). Each statement is planned with its values (EXECUTE): no generic plan; sequential scans are off in the
 * function (a tsquery of many window tokens looks costly to the planner, and a scan would read every tsvector). The sort key's date part is
 * core/fulltext/rank.ts's (2^17 − 1 − days since 1900-01-01, × 2^32).
 */
const WINDOW_KEYS = `
CREATE FUNCTION search_window_keys(base text, after bigint, hi bigint, lim integer) RETURNS SETOF bigint
LANGUAGE plpgsql STABLE SET enable_seqscan = off AS $fn$
DECLARE
  first_key bigint;
  newest date;
  wend date;
  d date;
  days integer := 1;
  covered integer := 0;
  days_tokens text;
  found_keys bigint[] := '{}';
  batch bigint[];
BEGIN
  SELECT key INTO first_key FROM search_tokens WHERE key > after AND key < hi ORDER BY key LIMIT 1;
  IF first_key IS NULL THEN RETURN; END IF;
  IF first_key / 4294967296 < 131072 THEN
    newest := DATE '1900-01-01' + (131071 - (first_key / 4294967296))::integer;
    wend := newest;
    WHILE covered < 1000 LOOP
      -- The window's days as tokens: whole years and months where they fit (xy…, xm…), days at the edges (xd…).
      days_tokens := NULL;
      d := wend;
      WHILE d > wend - days LOOP
        IF to_char(d, 'MMDD') = '1231' AND date_trunc('year', d)::date > wend - days THEN
          days_tokens := concat_ws(' | ', days_tokens, format('''xy%s''', to_char(d, 'YYYY')));
          d := date_trunc('year', d)::date - 1;
        ELSIF to_char(d + 1, 'DD') = '01' AND date_trunc('month', d)::date > wend - days THEN
          days_tokens := concat_ws(' | ', days_tokens, format('''xm%s''', to_char(d, 'YYYYMM')));
          d := date_trunc('month', d)::date - 1;
        ELSE
          days_tokens := concat_ws(' | ', days_tokens, format('''xd%s''', to_char(d, 'YYYYMMDD')));
          d := d - 1;
        END IF;
      END LOOP;
      EXECUTE format('SELECT array_agg(key) FROM (SELECT key FROM search_tokens WHERE tsv @@ %L::tsquery AND key > %s AND key < %s ORDER BY key + 0 LIMIT %s) w',
        '(' || base || ') & (' || days_tokens || ')', after, hi, lim - coalesce(array_length(found_keys, 1), 0)) INTO batch;
      found_keys := found_keys || coalesce(batch, '{}');
      IF coalesce(array_length(found_keys, 1), 0) >= lim THEN
        RETURN QUERY SELECT unnest(found_keys);
        RETURN;
      END IF;
      wend := wend - days;
      covered := covered + days;
      days := days * 8;
    END LOOP;
  END IF;
  RETURN QUERY EXECUTE format('SELECT key FROM search_tokens WHERE tsv @@ %L::tsquery AND key > %s AND key < %s ORDER BY key + 0 LIMIT %s', base, after, hi, lim);
END
$fn$`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function rows(db: Kysely<any>, after: number): Promise<any[]> {
  return db.selectFrom('search_docs').selectAll().where('key', '>', after).orderBy('key').limit(500).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (sqlite) {
    await sql`CREATE VIRTUAL TABLE search_index USING fts5(tokens, tokenize = 'ascii', content = '', contentless_delete = 1, detail = 'none')`.execute(db);
  } else {
    await sql`CREATE TABLE search_tokens (key bigint PRIMARY KEY, tsv tsvector NOT NULL) WITH (toast_tuple_target = 128)`.execute(db);
    await sql`ALTER TABLE search_tokens ALTER COLUMN tsv SET STORAGE EXTERNAL`.execute(db);
  }
  for (let after = -1; ; ) {
    const batch = await rows(db, after);
    if (batch.length === 0) break;
    for (const r of batch) {
      const tokens = indexTokens({ id: r.id, organizationId: r.organization_id, title: r.title, body: r.body, attachmentText: r.attachment_text, docNumber: r.doc_number, writtenOn: r.written_on, publishedOn: r.published_on, item: r.item, validity: r.validity, status: r.status, url: r.url });
      if (sqlite) await sql`INSERT INTO search_index (rowid, tokens) VALUES (${Number(r.key)}, ${tokens.join(' ')})`.execute(db);
      else await sql`INSERT INTO search_tokens (key, tsv) VALUES (${r.key}, array_to_tsvector(${tokens}::text[]))`.execute(db);
    }
    after = Number(batch[batch.length - 1].key);
  }
  if (sqlite) {
    await sql`DROP TABLE search_fts`.execute(db);
  } else {
    await sql`CREATE INDEX search_tokens_tsv_idx ON search_tokens USING gin (tsv)`.execute(db);
    await sql`DROP INDEX search_docs_tsv_idx`.execute(db);
    await sql`ALTER TABLE search_docs DROP COLUMN tsv`.execute(db);
    await sql.raw(WINDOW_KEYS).execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) await sql`DROP TABLE IF EXISTS search_index`.execute(db);
  else {
    await sql`DROP FUNCTION IF EXISTS search_window_keys`.execute(db);
    await sql`DROP TABLE IF EXISTS search_tokens`.execute(db);
  }
}
