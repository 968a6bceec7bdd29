/**
 * 依申请公开转主动公开 (条例第四十四条: 多个申请人就相同政府信息向同一行政机关提出公开申请，且该政府信息属于可以公开
 * 的，行政机关可以纳入主动公开的范围): from an answered application whose information was released (予以公开, 部分公开),
 * one action drafts a catalog document pre-filled from the case — the request as its title, the answer as its
 * body, the 文号 asked for — linked to the case (`fromCase`). The draft then goes through the normal 保密审查 → 发布;
 * nothing is published by this step. Audited `catalog.release` with the case, in the draft's transaction.
 */
import type { Case } from '../../core/application/case.ts';
import type { CatalogDocument } from '../../core/catalog/document.ts';
import { MAX_TITLE } from '../../core/catalog/document.ts';
import { problem } from '../../core/errors.ts';
import type { Actor } from '../applications/cases.ts';
import { createDocument, type CatalogDeps } from './documents.ts';
import type { Result } from './ports.ts';

/** The answers (table 三 rows) whose information was released and may be released to all: 予以公开, 部分公开 (the part disclosed). */
export const RELEASABLE_ANSWERS: readonly string[] = ['granted', 'partiallyGranted'];

/** Whether a case's answer released information that may go into the catalog. */
export const releasable = (c: Case): boolean => (c.state === 'answered' || c.state === 'delivered') && c.answer !== null && RELEASABLE_ANSWERS.includes(c.answer.category);

const escapeText = (s: string): string => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);

/** The draft's fields from the case: nothing of the applicant (the 保密审查 still reads the text before publication). */
export function releaseDraftInput(c: Case, publisher: string): Record<string, unknown> {
  const title = [...c.request.description.replace(/\s+/gu, ' ').trim()].slice(0, Math.min(MAX_TITLE, 120)).join('');
  const paragraphs = (c.answer?.text ?? '').split(/\n+/u).map((p) => p.trim()).filter((p) => p !== '');
  const body = [...paragraphs.map((p) => `<p>${escapeText(p)}</p>`), '<p>（本信息经依申请公开，依据《中华人民共和国政府信息公开条例》第四十四条纳入主动公开范围。）</p>'].join('');
  return { title, publisher, docNumber: c.request.documentNumber ?? '', kind: 'other', disclosure: 'proactive', body };
}

/**
 * Draft the released information of an answered application into its organisation's catalog. Errors:
 * application.notFound (no such case), catalog.illegalTransition (not answered, or answered without releasing
 * anything, or voided), catalog.alreadyReleased (a document already comes from this case; its id in data).
 */
export async function releaseToAll(deps: CatalogDeps & { readonly cases: { get(id: string): Promise<Case | null> } }, caseId: string, actor: Actor): Promise<Result<CatalogDocument>> {
  const c = await deps.cases.get(caseId);
  if (!c) return { ok: false, problems: [problem('application.notFound', 'case')] };
  if (!releasable(c)) return { ok: false, problems: [problem('catalog.illegalTransition', 'case', { zh: '只有已答复“予以公开”或“部分公开”的申请，才能将公开的信息纳入主动公开（条例第四十四条）', en: 'only an application answered granted or partially granted can be released to all (Art. 44)' })] };
  const existing = await deps.catalog.list({ organizationIds: [c.organizationId], fromCase: c.id, limit: 1, offset: 0 });
  const first = existing.items[0];
  if (first) return { ok: false, problems: [problem('catalog.alreadyReleased', 'case', { zh: `已由本申请生成文件“${first.title}”`, en: `a document was already drafted from this application: ${first.title}` }, { documentId: first.id })] };
  const org = await deps.organizations.get(c.organizationId);
  return createDocument(deps, c.organizationId, releaseDraftInput(c, org?.name ?? ''), actor, { fromCase: { id: c.id, number: c.number } });
}
