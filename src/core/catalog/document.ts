/**
 * A document of the 政府信息公开目录 (条例第二十条至第二十六条; 目录 contents: 条例第十二条 — 索引、名称、内容概述、生成日期)
 * and its workflow: 拟稿 → 保密审查 (第十七条) → 发布 (第二十三条) → 修改 / 废止 / 失效. Pure: every step is decided
 * here from the document, the input and the dates passed in; storage writes the result with its audit entry.
 */
import { problem, type Problem } from '../errors.ts';
import { isIsoDate, type IsoDate } from '../calendar/dates.ts';
import {
  DISCLOSURE_MODES,
  DOCUMENT_KINDS,
  isArticle20Item,
  isMemberOf,
  type Article20Item,
  type DisclosureMode,
  type DocumentKind,
  type DocumentState,
  type ReviewConclusion,
  type Validity,
} from './terms.ts';

/** The 保密审查 record: who reviewed, when, the conclusion and the opinion written. */
export interface SecurityReview {
  readonly by: string;
  readonly at: string;
  readonly conclusion: ReviewConclusion;
  readonly opinion: string;
}

/** What an editor fills in (the body already sanitised by the RichText port). */
export interface DocumentFields {
  readonly title: string;
  readonly publisher: string;
  readonly writtenOn: IsoDate | null;
  readonly docNumber: string | null;
  readonly topic: string | null;
  readonly item: Article20Item | null;
  readonly nodeId: string | null;
  readonly kind: DocumentKind;
  readonly disclosure: DisclosureMode;
  readonly disclosureReason: string | null;
  /** For a 解读: the id of the policy it explains. */
  readonly interprets: string | null;
  /** For a 解读: 图解 or video link (http/https). */
  readonly mediaUrl: string | null;
  readonly bodyHtml: string;
}

export interface CatalogDocument extends DocumentFields {
  readonly id: string;
  readonly organizationId: string;
  /** 索引号: assigned on publication (index-number.ts). */
  readonly indexNo: string | null;
  readonly publishedOn: IsoDate | null;
  readonly bodyText: string;
  readonly state: DocumentState;
  readonly review: SecurityReview | null;
  readonly validity: Validity;
  /** The date the validity changed (修改, 废止, 失效). */
  readonly validityOn: IsoDate | null;
  /** 已修改: the id of the new version. */
  readonly amendedBy: string | null;
  /** A new version: the id of the document it amends. */
  readonly amends: string | null;
  /** 废止: the act that repealed it (文号 or title), and its id when it is in the catalog. */
  readonly repealedBy: string | null;
  /** Art. 26: working days from 成文日期 to 发布日期 (null before publication or without 成文日期). */
  readonly publishWorkingDays: number | null;
  /** 解读 published later than its policy (同步发布 missed). */
  readonly interpretationLate: boolean;
  /** 条例第四十四条: the disclosure application whose released information this document publishes. */
  readonly fromCase: string | null;
  /** Imported from an existing site's catalog: its address there (链接). */
  readonly sourceUrl: string | null;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const MAX_TITLE = 300;
export const MAX_FIELD = 200;
export const MAX_BODY_CHARS = 500_000;

const bad = (at: string, zh: string, en: string): Problem => problem('catalog.invalid', at, { zh, en });

function text(raw: Readonly<Record<string, unknown>>, key: string, problems: Problem[], max: number, required = false): string | null {
  const v = raw[key];
  if (v === undefined || v === null || v === '') {
    if (required) problems.push(bad(key, '不能为空', 'required'));
    return null;
  }
  if (typeof v !== 'string') {
    problems.push(bad(key, '应为文字', 'must be text'));
    return null;
  }
  const t = v.trim();
  if (t === '') {
    if (required) problems.push(bad(key, '不能为空', 'required'));
    return null;
  }
  if (t.length > max) problems.push(bad(key, `不能超过 ${max} 字`, `longer than ${max} characters`));
  return t;
}

/**
 * Parse an editor's input (form or JSON, already a null-prototype object) into fields, every problem located at its
 * field (catalog.invalid). `body` is the sanitised HTML (the caller sanitises); `today` bounds 成文日期.
 */
export function parseDocumentFields(raw: Readonly<Record<string, unknown>>, bodyHtml: string, today: IsoDate): { ok: true; value: DocumentFields } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const title = text(raw, 'title', problems, MAX_TITLE, true);
  const publisher = text(raw, 'publisher', problems, MAX_FIELD, true);
  const writtenOn = text(raw, 'writtenOn', problems, 10);
  if (writtenOn !== null && !isIsoDate(writtenOn)) problems.push(bad('writtenOn', '成文日期应为 YYYY-MM-DD', 'expected YYYY-MM-DD'));
  else if (writtenOn !== null && writtenOn > today) problems.push(bad('writtenOn', '成文日期晚于今天', 'in the future'));
  const docNumber = text(raw, 'docNumber', problems, MAX_FIELD);
  const topic = text(raw, 'topic', problems, MAX_FIELD);
  const item = text(raw, 'item', problems, 2);
  if (item !== null && !isArticle20Item(item)) problems.push(bad('item', '应为条例第二十条的第1至15项', 'must be item 1-15 of Art. 20'));
  const nodeId = text(raw, 'nodeId', problems, MAX_FIELD);
  const kind = text(raw, 'kind', problems, 20) ?? 'other';
  if (!isMemberOf(DOCUMENT_KINDS, kind)) problems.push(bad('kind', `应为 ${DOCUMENT_KINDS.join('、')} 之一`, `one of ${DOCUMENT_KINDS.join(', ')}`));
  const disclosure = text(raw, 'disclosure', problems, 20) ?? 'proactive';
  if (!isMemberOf(DISCLOSURE_MODES, disclosure)) problems.push(bad('disclosure', `应为 ${DISCLOSURE_MODES.join('、')} 之一`, `one of ${DISCLOSURE_MODES.join(', ')}`));
  const disclosureReason = text(raw, 'disclosureReason', problems, 2000);
  if (disclosure !== 'proactive' && disclosureReason === null) problems.push(bad('disclosureReason', '依申请公开或不予公开的，应当写明理由', 'a reason is required unless disclosed proactively'));
  const interprets = text(raw, 'interprets', problems, MAX_FIELD);
  if (kind === 'interpretation' && interprets === null) problems.push(bad('interprets', '政策解读应当关联所解读的政策文件', 'an interpretation must link the policy it explains'));
  const mediaUrl = text(raw, 'mediaUrl', problems, 1000);
  if (mediaUrl !== null && !/^https?:\/\/[^\s<>"]+$/.test(mediaUrl)) problems.push(bad('mediaUrl', '链接应以 http:// 或 https:// 开头', 'must be an http(s) link'));
  if (bodyHtml.length > MAX_BODY_CHARS) problems.push(bad('body', `正文不能超过 ${MAX_BODY_CHARS} 字符`, `the body is longer than ${MAX_BODY_CHARS} characters`));
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      title: title as string,
      publisher: publisher as string,
      writtenOn,
      docNumber,
      topic,
      item: item as Article20Item | null,
      nodeId,
      kind: kind as DocumentKind,
      disclosure: disclosure as DisclosureMode,
      disclosureReason: disclosure === 'proactive' ? null : disclosureReason,
      interprets: kind === 'interpretation' ? interprets : null,
      mediaUrl,
      bodyHtml,
    },
  };
}

/** The steps of the workflow. */
export type DocumentStep =
  | { readonly kind: 'edit'; readonly fields: DocumentFields; readonly bodyText: string }
  | { readonly kind: 'submit' }
  | { readonly kind: 'review'; readonly conclusion: ReviewConclusion; readonly opinion: string; readonly reason: string | null }
  | { readonly kind: 'publish'; readonly on: IsoDate; readonly indexNo: string; readonly publishWorkingDays: number | null; readonly interpretationLate: boolean }
  | { readonly kind: 'repeal'; readonly on: IsoDate; readonly by: string }
  | { readonly kind: 'expire'; readonly on: IsoDate }
  /** Written by the publication of the new version on the old one. */
  | { readonly kind: 'amended'; readonly on: IsoDate; readonly by: string };
export type DocumentStepKind = DocumentStep['kind'];

const illegal = (d: CatalogDocument, kind: string): Problem =>
  problem('catalog.illegalTransition', 'step', { zh: `文件处于“${d.state}”状态，不能${kind}`, en: `the document is ${d.state}; ${kind} is not allowed` }, { state: d.state, step: kind });

/** Apply a step: the new document, or the coded problems (catalog.illegalTransition, catalog.invalid). Never throws. */
export function applyDocumentStep(d: CatalogDocument, step: DocumentStep, ctx: { readonly now: string; readonly by: string }): { ok: true; value: CatalogDocument } | { ok: false; problems: Problem[] } {
  const next = (patch: Partial<CatalogDocument>): { ok: true; value: CatalogDocument } => ({ ok: true, value: { ...d, ...patch, version: d.version + 1, updatedAt: ctx.now } });
  switch (step.kind) {
    case 'edit':
      // After review the cleared text is what was reviewed: editing sends it back to 拟稿 (to be reviewed again).
      if (d.state === 'published') return { ok: false, problems: [illegal(d, '直接修改（已发布的文件请“修改”生成新版本）')] };
      return next({ ...step.fields, bodyText: step.bodyText, state: 'draft', review: null });
    case 'submit':
      if (d.state !== 'draft') return { ok: false, problems: [illegal(d, '送审')] };
      return next({ state: 'inReview' });
    case 'review': {
      if (d.state !== 'inReview') return { ok: false, problems: [illegal(d, '保密审查')] };
      if (step.opinion.trim() === '') return { ok: false, problems: [bad('opinion', '请写明审查意见', 'the review opinion is required')] };
      if (step.conclusion !== 'publish' && (step.reason === null || step.reason.trim() === '')) return { ok: false, problems: [bad('reason', '依申请公开或不予公开的，应当写明理由', 'a reason is required')] };
      const review: SecurityReview = { by: ctx.by, at: ctx.now, conclusion: step.conclusion, opinion: step.opinion.trim() };
      if (step.conclusion === 'publish') return next({ state: 'cleared', review, disclosure: 'proactive', disclosureReason: null });
      return next({ state: 'withheld', review, disclosure: step.conclusion === 'onRequest' ? 'onRequest' : 'withheld', disclosureReason: (step.reason ?? '').trim() });
    }
    case 'publish':
      if (d.state !== 'cleared') return { ok: false, problems: [illegal(d, '发布（须先通过保密审查）')] };
      if (d.writtenOn !== null && step.on < d.writtenOn) return { ok: false, problems: [bad('publishedOn', '发布日期早于成文日期', 'published before it was written')] };
      return next({ state: 'published', publishedOn: step.on, indexNo: step.indexNo, publishWorkingDays: step.publishWorkingDays, interpretationLate: step.interpretationLate });
    case 'repeal':
    case 'expire':
    case 'amended': {
      const label = step.kind === 'repeal' ? '废止' : step.kind === 'expire' ? '宣布失效' : '标记为已修改';
      if (d.state !== 'published' || d.validity !== 'valid') return { ok: false, problems: [illegal(d, `${label}（只有已发布且有效的文件可以）`)] };
      if (d.publishedOn !== null && step.on < d.publishedOn) return { ok: false, problems: [bad('on', '日期早于发布日期', 'earlier than the publication')] };
      if (step.kind === 'repeal') {
        if (step.by.trim() === '') return { ok: false, problems: [bad('by', '请写明废止该文件的文件（文号或标题）', 'name the act that repealed it')] };
        return next({ validity: 'repealed', validityOn: step.on, repealedBy: step.by.trim() });
      }
      if (step.kind === 'expire') return next({ validity: 'expired', validityOn: step.on });
      return next({ validity: 'amended', validityOn: step.on, amendedBy: step.by });
    }
  }
}

/** A new document (拟稿) from fields. */
export function newDocument(id: string, organizationId: string, fields: DocumentFields, bodyText: string, now: string, amends: string | null = null): CatalogDocument {
  return {
    ...fields,
    id,
    organizationId,
    indexNo: null,
    publishedOn: null,
    bodyText,
    state: 'draft',
    review: null,
    validity: 'valid',
    validityOn: null,
    amendedBy: null,
    amends,
    repealedBy: null,
    publishWorkingDays: null,
    interpretationLate: false,
    fromCase: null,
    sourceUrl: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}
