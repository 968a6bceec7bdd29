/**
 * Full-text search over the 政府信息公开目录 (issue 10): index, remove and search documents, on SQLite (FTS5 search_index)
 * and PostgreSQL (search_tokens: tsvector + GIN, date windows in search_window_keys; migration 0021) with the same
 * results (docs/decisions.md "Search", "Search at a million documents"; the tokens, the matching and the
 * order are decided in src/core/fulltext, the engines only propose candidates). Called by the catalog inside its own
 * transactions: every function takes a Kysely or a Transaction.
 */
import { sql, SqliteAdapter, type Kysely, type Transaction } from 'kysely';
import { problem } from '../core/errors.ts';
import { highlight, snippet } from '../core/fulltext/highlight.ts';
import { ftsSyntax, indexTokens, tierMatch, tsquerySyntax } from '../core/fulltext/index-tokens.ts';
import { foldFields, keyRange, sortKey, TIERS, tierOf } from '../core/fulltext/rank.ts';
import { parseQuery, QUERY_LIMITS, type QueryTerm } from '../core/fulltext/tokens.ts';
import { isIsoDate } from '../core/calendar/dates.ts';
import type { Database, SearchDocsTable } from './schema.ts';
import type { SearchDoc, SearchHit, SearchPage, SearchQuery } from '../core/fulltext/types.ts';

export type { SearchDoc, SearchHit, SearchPage, SearchQuery } from '../core/fulltext/types.ts';

type Db = Kysely<Database> | Transaction<Database>;

export const SEARCH_LIMITS = { defaultLimit: 20, maxLimit: 100, maxOrganizations: 5000 } as const;

const isSqlite = (db: Db): boolean => db.getExecutor().adapter instanceof SqliteAdapter;

/** Remove a document from the index (nothing when it is not there). Throws only on database errors. */
export async function removeDocument(db: Db, id: string): Promise<void> {
  const row = await db.selectFrom('search_docs').select('key').where('id', '=', id).executeTakeFirst();
  if (!row) return;
  if (isSqlite(db)) await sql`DELETE FROM search_index WHERE rowid = ${Number(row.key)}`.execute(db);
  else await sql`DELETE FROM search_tokens WHERE key = ${row.key}`.execute(db);
  await db.deleteFrom('search_docs').where('key', '=', row.key).execute();
}

/** Add or replace a document in the index (inside the caller's transaction when given one). Throws only on database errors. */
export async function indexDocument(db: Db, doc: SearchDoc): Promise<void> {
  await removeDocument(db, doc.id);
  let key = sortKey(isIsoDate(doc.publishedOn ?? '') ? doc.publishedOn : null, doc.id);
  // Two ids of one day with the same hash: the next free key (rare; the same on both engines for the same history).
  while (await db.selectFrom('search_docs').select('key').where('key', '=', key).executeTakeFirst()) key += 1;
  await db
    .insertInto('search_docs')
    .values({
      key,
      id: doc.id,
      organization_id: doc.organizationId,
      title: doc.title,
      doc_number: doc.docNumber,
      body: doc.body,
      attachment_text: doc.attachmentText,
      written_on: doc.writtenOn,
      published_on: doc.publishedOn,
      item: doc.item,
      validity: doc.validity,
      status: doc.status,
      url: doc.url,
    })
    .execute();
  const tokens = indexTokens(doc);
  if (isSqlite(db)) await sql`INSERT INTO search_index (rowid, tokens) VALUES (${key}, ${tokens.join(' ')})`.execute(db);
  else await sql`INSERT INTO search_tokens (key, tsv) VALUES (${key}, array_to_tsvector(${tokens}::text[]))`.execute(db);
}

/**
 * Index many documents none of which is indexed yet (a rebuild, the benchmark's load): multi-row inserts in key order,
 * keys resolved like indexDocument's. In key order because FTS5 flushes its pending terms to a new segment whenever a
 * rowid is not above the previous one: documents in random key order made one segment per row or two, and the
 * merging of them was most of the load's time (measured: 30,000 documents, 3.1 s CPU unsorted, 0.6 s sorted;
 * docs/decisions.md "Search at a million documents, measured"). `tokens`, when given, are indexTokens(docs[i]) already
 * computed (the benchmark tokenises in a worker). Run it inside a transaction for speed. Throws on database errors
 * (a duplicate id).
 */
export async function indexNewDocuments(db: Db, docs: readonly SearchDoc[], tokens?: ReadonlyArray<readonly string[]>): Promise<void> {
  const sqlite = isSqlite(db);
  const CHUNK = 500;
  const wanted = docs.map((d) => sortKey(isIsoDate(d.publishedOn ?? '') ? d.publishedOn : null, d.id));
  const order = docs.map((_, i) => i).sort((a, b) => (wanted[a] as number) - (wanted[b] as number) || a - b);
  const taken = new Set<number>();
  for (let i = 0; i < order.length; i += CHUNK) {
    const chunk = order.slice(i, i + CHUNK);
    const want = chunk.map((j) => wanted[j] as number);
    for (const r of await db.selectFrom('search_docs').select('key').where('key', 'in', want).execute()) taken.add(Number(r.key));
    const keys: number[] = [];
    for (let k of want) {
      while (taken.has(k)) {
        k += 1;
        if (!taken.has(k) && (await db.selectFrom('search_docs').select('key').where('key', '=', k).executeTakeFirst())) taken.add(k);
      }
      taken.add(k);
      keys.push(k);
    }
    // A key moved up past a later wanted key (a collision) can leave the chunk out of order: sort again.
    const rows = chunk.map((j, n) => ({ key: keys[n] as number, doc: docs[j] as SearchDoc, tokens: (tokens?.[j] ?? indexTokens(docs[j] as SearchDoc)).join(' ') })).sort((a, b) => a.key - b.key);
    await db
      .insertInto('search_docs')
      .values(rows.map(({ key, doc }) => ({ key, id: doc.id, organization_id: doc.organizationId, title: doc.title, doc_number: doc.docNumber, body: doc.body, attachment_text: doc.attachmentText, written_on: doc.writtenOn, published_on: doc.publishedOn, item: doc.item, validity: doc.validity, status: doc.status, url: doc.url })))
      .execute();
    if (sqlite) {
      await sql`INSERT INTO search_index (rowid, tokens) VALUES ${sql.join(rows.map((r) => sql`(${r.key}, ${r.tokens})`))}`.execute(db);
    } else {
      // One statement per chunk: the keys and the space-separated tokens as two arrays (no parser: string_to_array).
      await sql`INSERT INTO search_tokens (key, tsv) SELECT k, array_to_tsvector(string_to_array(t, ' ')) FROM unnest(${rows.map((r) => r.key)}::bigint[], ${rows.map((r) => r.tokens)}::text[]) AS u(k, t)`.execute(db);
    }
  }
}

/** A candidate row, as search_docs stores it. */
type Candidate = SearchDocsTable;

interface Filters {
  readonly lo: number;
  readonly hi: number;
  readonly statuses: readonly string[] | 'all';
  readonly organizationIds: readonly string[] | null;
  readonly item: string | null;
  readonly validity: string | null;
}

/**
 * Candidates of a tier after `after`, in key order: the index gives the first `limit` matching keys (the SQL differs
 * per engine, the expression does not), then their rows are read and the filters checked on the columns (a filter
 * token may share its hash with another value). `last` is the last key the index gave (null: none), `exhausted` when
 * it gave fewer than asked.
 */
async function candidates(db: Db, terms: readonly QueryTerm[], tier: 1 | 2 | 3, f: Filters, after: number, limit: number): Promise<{ rows: Candidate[]; last: number | null; exhausted: boolean }> {
  const expr = tierMatch(terms, tier, f);
  const from = Math.max(after, f.lo - 1);
  const attach = tier === 1 ? sql`d.attachment_text` : sql`'' AS attachment_text`;
  const cols = sql`d.key, d.id, d.organization_id, d.title, d.doc_number, d.body, ${attach}, d.written_on, d.published_on, d.item, d.validity, d.status, d.url`;
  // One statement: the index's keys (in key order) and their rows.
  const q = isSqlite(db)
    ? sql<Candidate>`SELECT ${cols} FROM (SELECT rowid AS k FROM search_index WHERE search_index MATCH ${ftsSyntax(expr)} AND rowid > ${from} AND rowid < ${f.hi} ORDER BY rowid LIMIT ${limit}) m JOIN search_docs d ON d.key = m.k ORDER BY d.key`
    : sql<Candidate>`SELECT ${cols} FROM search_window_keys(${tsquerySyntax(expr)}, ${from}, ${f.hi}, ${limit}) AS m(k) JOIN search_docs d ON d.key = m.k ORDER BY d.key`;
  const all = (await q.execute(db)).rows.map((r) => ({ ...r, key: Number(r.key) }));
  const last = all.length > 0 ? (all[all.length - 1] as Candidate).key : null;
  // The filters on the columns themselves (a filter token may share its hash with another value's).
  const orgs = f.organizationIds === null ? null : new Set(f.organizationIds);
  const rows = all.filter((r) => (f.statuses === 'all' || f.statuses.includes(r.status)) && (orgs === null || orgs.has(r.organization_id)) && (f.item === null || r.item === f.item) && (f.validity === null || r.validity === f.validity));
  return { rows, last, exhausted: all.length < limit };
}

const bad = (at: string, zh: string, en: string): SearchPage => ({ ok: false, problems: [problem('search.invalid', at, { zh, en })] });

/** Parse a cursor "tier.key". */
function readCursor(cursor: string): { tier: 1 | 2 | 3; key: number } | null {
  const m = /^([123])\.(\d{1,16})$/.exec(cursor);
  if (!m) return null;
  const key = Number(m[2]);
  return Number.isSafeInteger(key) ? { tier: Number(m[1]) as 1 | 2 | 3, key } : null;
}

/**
 * Search the index: the documents where every term occurs (folded) in the title/文号, body or attachment text,
 * passing the filters, ordered by score (tier), then publishedOn newest first, then the key; a page of `limit` hits
 * and the cursor of the next page (null at the end). Errors (values): search.invalid for an empty, too long or
 * malformed query, a bad date, limit or cursor. Throws only on database errors.
 */
export async function searchDocuments(db: Db, query: SearchQuery): Promise<SearchPage> {
  const parsed = parseQuery(query.q);
  if (!parsed.ok) {
    if (parsed.reason === 'empty') return bad('q', '请输入检索词', 'enter a search term');
    if (parsed.reason === 'tooLong') return bad('q', `检索词不超过 ${QUERY_LIMITS.maxLength} 个字符`, `at most ${QUERY_LIMITS.maxLength} characters`);
    return bad('q', `检索词不超过 ${QUERY_LIMITS.maxTerms} 个`, `at most ${QUERY_LIMITS.maxTerms} terms`);
  }
  const from = query.publishedFrom ?? null;
  const to = query.publishedTo ?? null;
  if (from !== null && !isIsoDate(from)) return bad('publishedFrom', `应为 YYYY-MM-DD：${from}`, `expected YYYY-MM-DD: ${from}`);
  if (to !== null && !isIsoDate(to)) return bad('publishedTo', `应为 YYYY-MM-DD：${to}`, `expected YYYY-MM-DD: ${to}`);
  const limit = query.limit ?? SEARCH_LIMITS.defaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_LIMITS.maxLimit) return bad('limit', `每页 1 至 ${SEARCH_LIMITS.maxLimit} 条`, `1 to ${SEARCH_LIMITS.maxLimit} per page`);
  const cursor = query.cursor ? readCursor(query.cursor) : null;
  if (query.cursor && cursor === null) return bad('cursor', '翻页标记无效', 'invalid cursor');
  const orgs = query.organizationIds ?? null;
  if (orgs !== null && orgs.length > SEARCH_LIMITS.maxOrganizations) return bad('organizationIds', '机关过多', 'too many organisations');
  const statuses = query.statuses ?? ['published'];
  if (statuses.length === 0 || (orgs !== null && orgs.length === 0) || (from !== null && to !== null && from > to)) return { ok: true, hits: [], nextCursor: null };
  const { lo, hi } = keyRange(from, to);
  const filters: Filters = { lo, hi, statuses, organizationIds: orgs, item: query.item ?? null, validity: query.validity ?? null };

  const terms = parsed.terms;
  const need = limit + 1;
  const found: Array<{ c: Candidate; tier: 1 | 2 | 3 }> = [];
  for (const tier of TIERS) {
    if (cursor && tier > cursor.tier) continue;
    let after = cursor && tier === cursor.tier ? cursor.key : -1;
    // A quarter more than the page: some candidates fail the columns (a status or 有效 the index was not asked for,
    // core/fulltext/index-tokens.ts MAJORITY_VALUES) or the verification (bigrams apart), and a second statement costs
    // more than a few more rows.
    let batch = Math.ceil(need * 1.25);
    for (;;) {
      const { rows, last, exhausted } = await candidates(db, terms, tier, filters, after, batch);
      for (const c of rows) {
        if (tierOf(terms, foldFields({ title: c.title, docNumber: c.doc_number, body: c.body, attachmentText: c.attachment_text })) === tier) found.push({ c, tier });
        if (found.length >= need) break;
      }
      if (found.length >= need || exhausted || last === null) break;
      after = last;
      batch = Math.min(batch * 4, 2000);
    }
    if (found.length >= need) break;
  }
  const page = found.slice(0, limit);
  const last = page[page.length - 1];
  return {
    ok: true,
    hits: page.map(({ c, tier }) => presentHit(c, tier, terms)),
    nextCursor: found.length > limit && last ? `${last.tier}.${last.c.key}` : null,
  };
}

function presentHit(c: Candidate, tier: 1 | 2 | 3, terms: readonly QueryTerm[]): SearchHit {
  // The snippet from the body, or from the attachment when only it holds a term the title lacks.
  const source = tier === 1 && c.attachment_text !== '' ? c.attachment_text : c.body;
  return {
    id: c.id,
    organizationId: c.organization_id,
    title: c.title,
    titleHtml: highlight(c.title, terms),
    snippetHtml: snippet(source, terms),
    score: tier,
    docNumber: c.doc_number,
    writtenOn: c.written_on,
    publishedOn: c.published_on,
    item: c.item,
    validity: c.validity,
    status: c.status,
    url: c.url,
  };
}
