/**
 * What a catalog document, a list row, a decision or the tree look like in JSON and on pages: labels in Chinese
 * (with the English rendering), dates as they are, the Art. 26 flag spelled out. Nothing leaves a route otherwise.
 */
import type { Attachment, DecisionRow, DocumentSummary } from '../../../app/catalog/ports.ts';
import { documentUrl } from '../../../app/catalog/documents.ts';
import type { CatalogDocument } from '../../../core/catalog/document.ts';
import type { DocumentFacts } from '../../../core/catalog/table2.ts';
import { fenToWanYuan } from '../../../core/catalog/table2.ts';
import type { CatalogNode } from '../../../core/catalog/tree.ts';
import { DECISION_KIND_LABELS, DISCLOSURE_LABELS, DOCUMENT_KIND_LABELS, DOCUMENT_STATE_LABELS, REVIEW_CONCLUSION_LABELS, VALIDITY_LABELS, itemLabel } from '../../../core/catalog/terms.ts';
import { PROACTIVE_PUBLICATION } from '../../../core/calendar/deadlines.ts';
import { isLate } from '../../../core/catalog/timeliness.ts';

/** A list row (no body). */
export function presentSummary(d: DocumentSummary) {
  return {
    id: d.id,
    url: documentUrl(d.id),
    organizationId: d.organizationId,
    indexNo: d.indexNo,
    title: d.title,
    publisher: d.publisher,
    writtenOn: d.writtenOn,
    publishedOn: d.publishedOn,
    docNumber: d.docNumber,
    topic: d.topic,
    item: d.item,
    itemLabel: d.item === null ? null : itemLabel(d.item),
    nodeId: d.nodeId,
    kind: d.kind,
    kindLabel: DOCUMENT_KIND_LABELS[d.kind].zh,
    disclosure: d.disclosure,
    disclosureLabel: DISCLOSURE_LABELS[d.disclosure].zh,
    state: d.state,
    stateLabel: DOCUMENT_STATE_LABELS[d.state].zh,
    validity: d.validity,
    validityLabel: VALIDITY_LABELS[d.validity].zh,
    validityOn: d.validityOn,
    amendedBy: d.amendedBy,
    amends: d.amends,
    repealedBy: d.repealedBy,
    interprets: d.interprets,
    publishWorkingDays: d.publishWorkingDays,
    /** 条例第二十六条: published more than 20 working days after its 成文日期. */
    late: isLate(d.publishWorkingDays),
    lateRule: `${PROACTIVE_PUBLICATION.article}：${PROACTIVE_PUBLICATION.workingDays}个工作日内`,
    interpretationLate: d.interpretationLate,
    version: d.version,
    updatedAt: d.updatedAt,
  };
}

export function presentAttachment(a: Attachment) {
  return { id: a.id, name: a.name, size: a.size, mediaType: a.mediaType, sha256: a.sha256, url: `/xxgk/files/${encodeURIComponent(a.id)}` };
}

/** The whole document; `staff` adds the review record and the 不予公开 reason. */
export function presentDocument(d: CatalogDocument, attachments: readonly Attachment[], staff: boolean) {
  const { bodyText: _t, ...rest } = d;
  void rest;
  return {
    ...presentSummary(d),
    bodyHtml: d.bodyHtml,
    mediaUrl: d.mediaUrl,
    attachments: attachments.map(presentAttachment),
    ...(staff
      ? {
          disclosureReason: d.disclosureReason,
          review: d.review && { ...d.review, conclusionLabel: REVIEW_CONCLUSION_LABELS[d.review.conclusion].zh },
          createdAt: d.createdAt,
        }
      : {}),
  };
}

export function presentDocumentFacts(d: DocumentFacts & { title: string }) {
  return { id: d.id, url: documentUrl(d.id), title: d.title, kind: d.kind, state: d.state, writtenOn: d.writtenOn, publishedOn: d.publishedOn, validity: d.validity, validityLabel: VALIDITY_LABELS[d.validity].zh, validityOn: d.validityOn };
}

export function presentDecision(x: DecisionRow) {
  return { id: x.id, organizationId: x.organizationId, kind: x.kind, kindLabel: DECISION_KIND_LABELS[x.kind].zh, matter: x.matter, decidedOn: x.decidedOn, amountWanYuan: x.amountFen === null ? null : fenToWanYuan(x.amountFen), ref: x.ref, source: x.source };
}

export function presentNode(n: CatalogNode) {
  return { id: n.id, parentId: n.parentId, code: n.code, name: n.name, item: n.item, position: n.position };
}
