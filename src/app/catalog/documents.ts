/**
 * The catalog's use cases: create and edit a draft, send it to 保密审查, record the review, publish (索引号 assigned,
 * the Art. 26 delay counted, a new version marks the one it amends 已修改), repeal or declare expired, and amend (a
 * new draft linked to the published version). Each writes the document, its audit entry (the hash chain) and the
 * search index in one transaction (CatalogRepository.work); a stale version answers catalog.conflict.
 */
import { applyDocumentStep, newDocument, parseDocumentFields, type CatalogDocument, type DocumentStep } from '../../core/catalog/document.ts';
import { DEFAULT_INDEX_PATTERN, formatIndexNumber, indexCode } from '../../core/catalog/index-number.ts';
import { REVIEW_CONCLUSIONS, isMemberOf } from '../../core/catalog/terms.ts';
import { interpretationLate, publicationDelay } from '../../core/catalog/timeliness.ts';
import { isIsoDate } from '../../core/calendar/dates.ts';
import { problem, type Problem } from '../../core/errors.ts';
import type { AuditAction } from '../../core/people/audit.ts';
import { loadCalendar, type Actor } from '../applications/cases.ts';
import type { Clock, IdSource } from '../applications/ports.ts';
import type { CalendarRepository } from '../calendar/ports.ts';
import type { OrganizationRepository } from '../organizations/ports.ts';
import type { CatalogRepository, CatalogWork, Result, RichText, SearchDoc } from './ports.ts';

export interface CatalogDeps {
  readonly catalog: CatalogRepository;
  readonly organizations: OrganizationRepository;
  readonly calendar: CalendarRepository;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly richText: RichText;
  /** The 索引号 pattern (core/catalog/index-number.ts); default DEFAULT_INDEX_PATTERN. */
  readonly indexPattern?: string;
  /** The site's 索引号 pattern (site settings, /console/site), read at each publication; wins over `indexPattern` when set. */
  readonly sitePattern?: () => Promise<string | null>;
}

/** The 索引号 pattern in force: the site's setting, else the configured one, else DEFAULT_INDEX_PATTERN. Never throws on input. */
export async function indexPatternOf(deps: Pick<CatalogDeps, 'indexPattern' | 'sitePattern'>): Promise<string> {
  return (await deps.sitePattern?.()) ?? deps.indexPattern ?? DEFAULT_INDEX_PATTERN;
}

/** The public address of a document (what search results link to). */
export const documentUrl = (id: string): string => `/xxgk/documents/${encodeURIComponent(id)}`;

/** The SearchDoc of a document: plain text only. */
export const searchDocOf = (d: CatalogDocument, attachmentText: string): SearchDoc => ({
  id: d.id,
  organizationId: d.organizationId,
  title: d.title,
  body: d.bodyText,
  attachmentText,
  docNumber: d.docNumber,
  writtenOn: d.writtenOn,
  publishedOn: d.publishedOn,
  item: d.item,
  validity: d.validity,
  status: d.state,
  url: documentUrl(d.id),
});

const field = (input: Readonly<Record<string, unknown>>, key: string): string | null => {
  const v = input[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
};

const notFound = (id: string): Result<never> => ({ ok: false, problems: [problem('catalog.notFound', 'id', { zh: `没有此文件：${id}`, en: `no such document: ${id}` })] });

async function parseFields(deps: CatalogDeps, organizationId: string, input: Readonly<Record<string, unknown>>) {
  const raw = input.body;
  const sanitised = deps.richText.sanitize(typeof raw === 'string' ? raw : '');
  const parsed = parseDocumentFields(input, sanitised.html, deps.clock.today());
  if (!parsed.ok) return parsed;
  const problems: Problem[] = [];
  if (typeof raw !== 'string' && raw !== undefined && raw !== null) problems.push(problem('catalog.invalid', 'body', { zh: '正文应为文字', en: 'the body must be text' }));
  if (parsed.value.nodeId !== null && !(await deps.catalog.nodes(organizationId)).some((n) => n.id === parsed.value.nodeId)) problems.push(problem('catalog.invalid', 'nodeId', { zh: '本机关的公开目录中没有此栏目', en: 'no such node in the organisation\'s catalog' }));
  if (parsed.value.interprets !== null) {
    const policy = await deps.catalog.get(parsed.value.interprets);
    if (!policy || policy.kind === 'interpretation') problems.push(problem('catalog.invalid', 'interprets', { zh: '所解读的政策文件不存在', en: 'the policy explained does not exist' }));
  }
  return problems.length > 0 ? { ok: false as const, problems } : { ok: true as const, value: { fields: parsed.value, text: sanitised.text } };
}

async function writeDoc(w: CatalogWork, doc: CatalogDocument, expectedVersion: number | null, action: AuditAction, actor: Actor, at: string, detail: Record<string, unknown>): Promise<Result<CatalogDocument>> {
  if (expectedVersion === null) await w.insert(doc);
  else if (!(await w.update(doc, expectedVersion))) return { ok: false, problems: [problem('catalog.conflict', 'version', undefined, { expectedVersion })] };
  await w.audit({ at, actorId: actor.id, actorName: actor.name, organizationId: doc.organizationId, action, subject: `document:${doc.id}`, detail: { version: doc.version, state: doc.state, validity: doc.validity, ...detail }, ip: actor.ip });
  await w.index.index(searchDocOf(doc, await w.attachmentText(doc.id)));
  return { ok: true, value: doc };
}

/** Where a new draft comes from: a new version of `amends` (修改), or the released information of application `fromCase` (条例第四十四条). */
export interface DocumentOrigin {
  readonly amends?: string | null;
  readonly fromCase?: { readonly id: string; readonly number: string } | null;
}

/** A new draft (拟稿) of `organizationId`. Errors: notFound (organisation), catalog.invalid (located). Audited catalog.create (catalog.amend, catalog.release). */
export async function createDocument(deps: CatalogDeps, organizationId: string, input: Readonly<Record<string, unknown>>, actor: Actor, origin: DocumentOrigin = {}): Promise<Result<CatalogDocument>> {
  if (!(await deps.organizations.get(organizationId))) return { ok: false, problems: [problem('notFound', 'organizationId')] };
  const parsed = await parseFields(deps, organizationId, input);
  if (!parsed.ok) return parsed;
  const now = deps.clock.now();
  const amends = origin.amends ?? null;
  const fromCase = origin.fromCase ?? null;
  const doc = { ...newDocument(deps.ids.newId(), organizationId, parsed.value.fields, parsed.value.text, now, amends), fromCase: fromCase?.id ?? null };
  const [action, detail]: [AuditAction, Record<string, unknown>] = amends !== null ? ['catalog.amend', { amends }] : fromCase !== null ? ['catalog.release', { title: doc.title, fromCase: fromCase.id, caseNumber: fromCase.number }] : ['catalog.create', { title: doc.title }];
  return deps.catalog.work((w) => writeDoc(w, doc, null, action, actor, now, detail));
}

/** Take one workflow step on a stored document inside one transaction. */
async function step(deps: CatalogDeps, id: string, expectedVersion: number | undefined, actor: Actor, action: AuditAction, make: (d: CatalogDocument, w: CatalogWork) => Promise<Result<DocumentStep>>, detail: (d: CatalogDocument) => Record<string, unknown> = () => ({})): Promise<Result<CatalogDocument>> {
  const now = deps.clock.now();
  return deps.catalog.work(async (w) => {
    const d = await w.get(id);
    if (!d) return notFound(id);
    if (expectedVersion !== undefined && expectedVersion !== d.version) return { ok: false, problems: [problem('catalog.conflict', 'version', undefined, { expectedVersion })] };
    const s = await make(d, w);
    if (!s.ok) return s;
    const next = applyDocumentStep(d, s.value, { now, by: actor.name });
    if (!next.ok) return next;
    return writeDoc(w, next.value, d.version, action, actor, now, detail(next.value));
  });
}

/** Edit a draft (or a document back from review: it returns to 拟稿). Errors: catalog.notFound, catalog.invalid, catalog.illegalTransition (published), catalog.conflict. */
export async function editDocument(deps: CatalogDeps, id: string, input: Readonly<Record<string, unknown>>, actor: Actor, expectedVersion?: number): Promise<Result<CatalogDocument>> {
  const current = await deps.catalog.get(id);
  if (!current) return notFound(id);
  const parsed = await parseFields(deps, current.organizationId, input);
  if (!parsed.ok) return parsed;
  return step(deps, id, expectedVersion, actor, 'catalog.edit', async () => ({ ok: true, value: { kind: 'edit', fields: parsed.value.fields, bodyText: parsed.value.text } }));
}

/** 送审: draft → 待保密审查. Errors: catalog.notFound, catalog.illegalTransition, catalog.conflict. */
export const submitDocument = (deps: CatalogDeps, id: string, actor: Actor, expectedVersion?: number): Promise<Result<CatalogDocument>> =>
  step(deps, id, expectedVersion, actor, 'catalog.submit', async () => ({ ok: true, value: { kind: 'submit' } }));

/** 保密审查: the reviewer's conclusion (publish / onRequest / withhold), opinion and, unless publishing, the reason. Errors: catalog.invalid, catalog.illegalTransition, catalog.conflict. */
export function reviewDocument(deps: CatalogDeps, id: string, input: Readonly<Record<string, unknown>>, actor: Actor, expectedVersion?: number): Promise<Result<CatalogDocument>> {
  const conclusion = field(input, 'conclusion');
  return step(deps, id, expectedVersion, actor, 'catalog.review', async () => {
    if (!isMemberOf(REVIEW_CONCLUSIONS, conclusion)) return { ok: false, problems: [problem('catalog.invalid', 'conclusion', { zh: `审查结论应为 ${REVIEW_CONCLUSIONS.join('、')} 之一`, en: `one of ${REVIEW_CONCLUSIONS.join(', ')}` })] };
    return { ok: true, value: { kind: 'review', conclusion, opinion: field(input, 'opinion') ?? '', reason: field(input, 'reason') } };
  }, (d) => ({ conclusion: d.review?.conclusion, opinion: d.review?.opinion }));
}

function dateInput(input: Readonly<Record<string, unknown>>, key: string, today: string): Result<string> {
  const v = field(input, key) ?? today;
  if (!isIsoDate(v)) return { ok: false, problems: [problem('catalog.invalid', key, { zh: '日期应为 YYYY-MM-DD', en: 'expected YYYY-MM-DD' })] };
  if (v > today) return { ok: false, problems: [problem('catalog.invalid', key, { zh: '日期晚于今天', en: 'in the future' })] };
  return { ok: true, value: v };
}

/**
 * 发布: 索引号 assigned from the pattern and the (organisation, year) sequence, the Art. 26 delay counted on the
 * working-day calendar, a 解读's 同步发布 checked against its policy, and the version it amends marked 已修改 (same
 * transaction). `publishedOn` defaults to today. Errors: catalog.invalid, catalog.illegalTransition, catalog.conflict.
 */
export async function publishDocument(deps: CatalogDeps, id: string, input: Readonly<Record<string, unknown>>, actor: Actor, expectedVersion?: number): Promise<Result<CatalogDocument>> {
  const on = dateInput(input, 'publishedOn', deps.clock.today());
  if (!on.ok) return on;
  const cal = await loadCalendar(deps);
  const org = await deps.organizations.get((await deps.catalog.get(id))?.organizationId ?? '');
  const pattern = await indexPatternOf(deps);
  const now = deps.clock.now();
  return deps.catalog.work(async (w) => {
    const published = await (async (): Promise<Result<CatalogDocument>> => {
      const d = await w.get(id);
      if (!d || !org) return notFound(id);
      if (expectedVersion !== undefined && expectedVersion !== d.version) return { ok: false, problems: [problem('catalog.conflict', 'version', undefined, { expectedVersion })] };
      if (d.state !== 'cleared') return applyDocumentStep(d, { kind: 'publish', on: on.value, indexNo: '', publishWorkingDays: null, interpretationLate: false }, { now, by: actor.name }) as Result<never>;
      const year = Number(on.value.slice(0, 4));
      const indexNo = formatIndexNumber(pattern, { code: indexCode(org), year, seq: await w.nextIndexSeq(org.id, year) });
      const policy = d.interprets !== null ? await w.get(d.interprets) : null;
      const next = applyDocumentStep(d, { kind: 'publish', on: on.value, indexNo, publishWorkingDays: publicationDelay(cal, d.writtenOn, on.value), interpretationLate: interpretationLate(on.value, policy?.publishedOn ?? null) }, { now, by: actor.name });
      if (!next.ok) return next;
      return writeDoc(w, next.value, d.version, 'catalog.publish', actor, now, { indexNo, publishedOn: on.value, publishWorkingDays: next.value.publishWorkingDays });
    })();
    if (!published.ok || published.value.amends === null) return published;
    const old = await w.get(published.value.amends);
    if (!old || old.validity !== 'valid' || old.state !== 'published') return published;
    const marked = applyDocumentStep(old, { kind: 'amended', on: on.value, by: published.value.id }, { now, by: actor.name });
    if (!marked.ok) return marked;
    const written = await writeDoc(w, marked.value, old.version, 'catalog.amend', actor, now, { amendedBy: published.value.id });
    return written.ok ? published : written;
  });
}

/** 废止 (with the act that repealed it) or 失效. Errors: catalog.invalid, catalog.illegalTransition, catalog.conflict. */
export function endDocument(deps: CatalogDeps, id: string, kind: 'repeal' | 'expire', input: Readonly<Record<string, unknown>>, actor: Actor, expectedVersion?: number): Promise<Result<CatalogDocument>> {
  return step(deps, id, expectedVersion, actor, kind === 'repeal' ? 'catalog.repeal' : 'catalog.expire', async () => {
    const on = dateInput(input, 'on', deps.clock.today());
    if (!on.ok) return on;
    return { ok: true, value: kind === 'repeal' ? { kind: 'repeal', on: on.value, by: field(input, 'by') ?? '' } : { kind: 'expire', on: on.value } };
  }, (d) => ({ on: d.validityOn, repealedBy: d.repealedBy }));
}

/** 修改: a new draft linked to a published, valid document; publishing it marks the old one 已修改. Errors: catalog.notFound, catalog.illegalTransition, catalog.invalid. */
export async function amendDocument(deps: CatalogDeps, id: string, input: Readonly<Record<string, unknown>>, actor: Actor): Promise<Result<CatalogDocument>> {
  const old = await deps.catalog.get(id);
  if (!old) return notFound(id);
  if (old.state !== 'published' || old.validity !== 'valid') return { ok: false, problems: [problem('catalog.illegalTransition', 'step', { zh: '只有已发布且有效的文件可以修改', en: 'only a published document in force can be amended' })] };
  return createDocument(deps, old.organizationId, input, actor, { amends: old.id });
}
