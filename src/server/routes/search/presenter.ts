/** A search hit as the JSON API shows it (titleHtml and snippetHtml are escaped HTML with <mark>). */
import type { SearchHit } from '../../../core/fulltext/types.ts';

export const presentHit = (h: SearchHit) => ({
  id: h.id,
  title: h.title,
  titleHtml: h.titleHtml,
  snippetHtml: h.snippetHtml,
  score: h.score,
  docNumber: h.docNumber,
  organizationId: h.organizationId,
  writtenOn: h.writtenOn,
  publishedOn: h.publishedOn,
  item: h.item,
  validity: h.validity,
  status: h.status,
  url: h.url,
});
