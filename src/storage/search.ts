/**
 * Full-text search over the 政府信息公开目录 (issue 10): index, remove and search documents, on SQLite (FTS5) and
 * PostgreSQL (tsvector + GIN) with the same results (docs/decisions.md "Search"; the tokens, the matching and the
 * order are decided in src/core/fulltext, the engines only propose candidates). Called by the catalog inside its own
 * transactions: every function takes a Kysely or a Transaction.
 */
import { sql, SqliteAdapter, type Kysely, type Transaction } from 'kysely';
import { problem } from '../core/errors.ts';
import { highlight, snippet } from '../core/fulltext/highlight.ts';
import { foldFields, keyRange, sortKey, TIERS, tierOf } from '../core/fulltext/rank.ts';
import { distinctTokens, parseQuery, QUERY_LIMITS, type QueryTerm } from '../core/fulltext/tokens.ts';
import { isIsoDate } from '../core/calendar/dates.ts';
import type { Database, SearchDocsTable } from './schema.ts';
import type { SearchDoc, SearchHit, SearchPage, SearchQuery } from '../core/fulltext/types.ts';

export type { SearchDoc, SearchHit, SearchPage, SearchQuery } from '../core/fulltext/types.ts';

type Db = Kysely<Database> | Transaction<Database>;

export const SEARCH_LIMITS = { defaultLimit: 20, maxLimit: 100, maxOrganizations: 5000 } as const;

const isSqlite = (db: Db): boolean => db.getExecutor().adapter instanceof SqliteAdapter;

/** The index text of each field: title with the 文号, body, attachment. */
const fieldTokens = (doc: SearchDoc) => ({
  title: distinctTokens(`${doc.title}\n${doc.docNumber ?? ''}`),
  body: distinctTokens(doc.body),
  attach: distinctTokens(doc.attachmentText),
});

/** Remove a document from the index (nothing when it is not there). Throws only on database errors. */
export async function removeDocument(db: Db, id: string): Promise<void> {
  const row = await db.selectFrom('search_docs').select('key').where('id', '=', id).executeTakeFirst();
  if (!row) return;
  if (isSqlite(db)) await sql`DELETE FROM search_fts WHERE rowid = ${Number(row.key)}`.execute(db);
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
      ...(isSqlite(db) ? {} : { tsv: pgVector(doc) }),
    } as never)
    .execute();
  if (isSqlite(db)) {
    const t = fieldTokens(doc);
    await sql`INSERT INTO search_fts (rowid, title, body, attach) VALUES (${key}, ${t.title.join(' ')}, ${t.body.join(' ')}, ${t.attach.join(' ')})`.execute(db);
  }
}

/**
 * Index many documents none of which is indexed yet (a rebuild, the benchmark's load): multi-row inserts, keys
 * resolved like indexDocument's. Run it inside a transaction for speed. Throws on database errors (a duplicate id).
 */
export async function indexNewDocuments(db: Db, docs: readonly SearchDoc[]): Promise<void> {
  const sqlite = isSqlite(db);
  const CHUNK = 500;
  for (let i = 0; i < docs.length; i += CHUNK) {
    const chunk = docs.slice(i, i + CHUNK);
    const wanted = chunk.map((d) => sortKey(isIsoDate(d.publishedOn ?? '') ? d.publishedOn : null, d.id));
    const taken = new Set((await db.selectFrom('search_docs').select('key').where('key', 'in', wanted).execute()).map((r) => Number(r.key)));
    const keys: number[] = [];
    for (let k of wanted) {
      while (taken.has(k)) {
        k += 1;
        if (!taken.has(k) && (await db.selectFrom('search_docs').select('key').where('key', '=', k).executeTakeFirst())) taken.add(k);
      }
      taken.add(k);
      keys.push(k);
    }
    await db
      .insertInto('search_docs')
      .values(chunk.map((doc, j) => ({ key: keys[j] as number, id: doc.id, organization_id: doc.organizationId, title: doc.title, doc_number: doc.docNumber, body: doc.body, attachment_text: doc.attachmentText, written_on: doc.writtenOn, published_on: doc.publishedOn, item: doc.item, validity: doc.validity, status: doc.status, url: doc.url, ...(sqlite ? {} : { tsv: pgVector(doc) }) }) as never))
      .execute();
    if (sqlite) {
      const rows = chunk.map((doc, j) => {
        const t = fieldTokens(doc);
        return sql`(${keys[j] as number}, ${t.title.join(' ')}, ${t.body.join(' ')}, ${t.attach.join(' ')})`;
      });
      await sql`INSERT INTO search_fts (rowid, title, body, attach) VALUES ${sql.join(rows)}`.execute(db);
    }
  }
}

/** The PostgreSQL tsvector of a document: each token tagged with its field (t title/文号, b body, a attachment). */
export function pgLexemes(doc: SearchDoc): string[] {
  const t = fieldTokens(doc);
  return [...t.title.map((x) => `t${x}`), ...t.body.map((x) => `b${x}`), ...t.attach.map((x) => `a${x}`)];
}
const pgVector = (doc: SearchDoc) => sql`array_to_tsvector(${pgLexemes(doc)}::text[])`;

/** The fields each tier's candidates must have every token of a term in (one field per term). */
const TIER_FIELDS: Readonly<Record<1 | 2 | 3, readonly ('title' | 'body' | 'attach')[]>> = { 3: ['title'], 2: ['title', 'body'], 1: ['title', 'body', 'attach'] };
const PG_TAG = { title: 't', body: 'b', attach: 'a' } as const;

/** FTS5 MATCH: for every term, all its tokens in one of the tier's columns. */
function ftsMatch(terms: readonly QueryTerm[], tier: 1 | 2 | 3): string {
  return terms
    .map((t) => {
      const all = t.tokens.map((k) => `"${k.token}"${k.prefix ? '*' : ''}`).join(' AND ');
      return '(' + TIER_FIELDS[tier].map((f) => `{${f}} : (${all})`).join(' OR ') + ')';
    })
    .join(' AND ');
}

/** tsquery text: the same condition over field-tagged lexemes. */
function pgQuery(terms: readonly QueryTerm[], tier: 1 | 2 | 3): string {
  return terms
    .map((t) => '(' + TIER_FIELDS[tier].map((f) => '(' + t.tokens.map((k) => `'${PG_TAG[f]}${k.token}'${k.prefix ? ':*' : ''}`).join(' & ') + ')').join(' | ') + ')')
    .join(' & ');
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

/** Candidates of a tier after `after`, in key order; the SQL differs per engine, the condition does not. */
async function candidates(db: Db, terms: readonly QueryTerm[], tier: 1 | 2 | 3, f: Filters, after: number, limit: number): Promise<Candidate[]> {
  const sqlite = isSqlite(db);
  const attach = tier === 1 ? sql`d.attachment_text` : sql`'' AS attachment_text`;
  const conds = [sql`d.key > ${Math.max(after, f.lo - 1)}`, sql`d.key < ${f.hi}`];
  if (f.statuses !== 'all') conds.push(sql`d.status IN (${sql.join(f.statuses.map((s) => sql`${s}`))})`);
  if (f.organizationIds !== null) conds.push(sql`d.organization_id IN (${sql.join(f.organizationIds.map((s) => sql`${s}`))})`);
  if (f.item !== null) conds.push(sql`d.item = ${f.item}`);
  if (f.validity !== null) conds.push(sql`d.validity = ${f.validity}`);
  const cols = sql`d.key, d.id, d.organization_id, d.title, d.doc_number, d.body, ${attach}, d.written_on, d.published_on, d.item, d.validity, d.status, d.url`;
  const where = sql.join(conds, sql` AND `);
  const q = sqlite
    ? sql<Candidate>`SELECT ${cols} FROM search_fts JOIN search_docs d ON d.key = search_fts.rowid WHERE search_fts MATCH ${ftsMatch(terms, tier)} AND search_fts.rowid > ${Math.max(after, f.lo - 1)} AND search_fts.rowid < ${f.hi} AND ${where} ORDER BY search_fts.rowid LIMIT ${limit}`
    : sql<Candidate>`SELECT ${cols} FROM search_docs d WHERE d.tsv @@ ${pgQuery(terms, tier)}::tsquery AND ${where} ORDER BY d.key LIMIT ${limit}`;
  const rows = (await q.execute(db)).rows;
  return rows.map((r) => ({ ...r, key: Number(r.key) }));
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
    let batch = need;
    for (;;) {
      const rows = await candidates(db, terms, tier, filters, after, batch);
      for (const c of rows) {
        if (tierOf(terms, foldFields({ title: c.title, docNumber: c.doc_number, body: c.body, attachmentText: c.attachment_text })) === tier) found.push({ c, tier });
        if (found.length >= need) break;
      }
      if (found.length >= need || rows.length < batch) break;
      after = (rows[rows.length - 1] as Candidate).key;
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
