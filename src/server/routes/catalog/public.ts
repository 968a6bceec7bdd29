/**
 * The public catalog pages (/xxgk…), the attachment downloads, the Atom feeds and /sitemap.xml. Anonymous: only
 * published documents exist here (anything else answers 404, as an unknown id does).
 */
import { Hono, type Context } from 'hono';
import { catalogTree } from '../../../app/catalog/decisions.ts';
import type { DocumentSummary } from '../../../app/catalog/ports.ts';
import { problem } from '../../../core/errors.ts';
import { htmlError } from '../../errors.ts';
import { atomFeed, catalogHomePage, catalogListPage, documentPage, sitemap } from '../../views/catalog.ts';
import { listFilter, type CatalogRouteDeps } from './api.ts';

/** Sitemaps hold at most 50,000 URLs (sitemaps.org). */
const SITEMAP_MAX = 50_000;
const FEED_SIZE = 50;

const originOf = (c: Context): string => new URL(c.req.url).origin;

export function catalogPublic(deps: CatalogRouteDeps): Hono {
  const app = new Hono();
  const notFound = (c: Context, what: string) => htmlError(c, [problem('notFound', what, { zh: `没有此页面：${what}`, en: `no such page: ${what}` })]);
  const published = async (id: string) => {
    const d = await deps.catalog.get(id);
    return d && d.state === 'published' ? d : null;
  };
  const summaryOf = async (id: string | null): Promise<DocumentSummary | null> => {
    if (id === null) return null;
    const r = await deps.catalog.list({ organizationIds: (await deps.organizations.list()).map((o) => o.id), ids: [id], states: ['published'], limit: 1, offset: 0 });
    return r.items[0] ?? null;
  };

  app.get('/xxgk', async (c) => {
    const orgs = await deps.organizations.list();
    const counted = await Promise.all(orgs.map(async (o) => ({ id: o.id, name: o.name, parentId: o.parentId, count: (await deps.catalog.list({ organizationIds: [o.id], states: ['published'], limit: 1, offset: 0 })).total })));
    return c.html(catalogHomePage(counted));
  });

  app.get('/xxgk/documents/:id', async (c) => {
    const d = await published(c.req.param('id'));
    if (!d) return notFound(c, c.req.path);
    const [org, attachments, interpretations, policy, amendedBy, amends, nodes] = await Promise.all([
      deps.organizations.get(d.organizationId),
      deps.catalog.attachments(d.id),
      deps.catalog.interpretationsOf(d.id),
      summaryOf(d.interprets),
      summaryOf(d.amendedBy),
      summaryOf(d.amends),
      deps.catalog.nodes(d.organizationId),
    ]);
    const topicNode = nodes.find((n) => n.id === d.nodeId)?.name ?? null;
    return c.html(documentPage({ doc: d, org: org?.name ?? '', attachments, interpretations: interpretations.filter((x) => x.state === 'published'), policy, amendedBy, amends, topicNode }));
  });

  app.get('/xxgk/files/:id', async (c) => {
    const a = await deps.catalog.attachment(c.req.param('id'));
    if (!a || !(await published(a.documentId))) return notFound(c, c.req.path);
    const file = await deps.files.open(a.sha256);
    if (!file) return notFound(c, c.req.path);
    return new Response(file.stream, {
      headers: {
        'content-type': a.mediaType,
        'content-length': String(file.size),
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(a.name)}`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'public, max-age=86400, immutable',
      },
    });
  });

  app.get('/xxgk/:org/feed.atom', async (c) => {
    const org = await deps.organizations.get(c.req.param('org'));
    if (!org) return notFound(c, c.req.path);
    const node = c.req.query('node');
    const nodes = await deps.catalog.nodes(org.id);
    if (node !== undefined && !nodes.some((n) => n.id === node)) return notFound(c, c.req.path);
    const r = await deps.catalog.list({ organizationIds: await deps.organizations.subtreeIds(org.id), states: ['published'], ...(node ? { nodeId: node } : {}), limit: FEED_SIZE, offset: 0 });
    const origin = originOf(c);
    const self = `${origin}/xxgk/${encodeURIComponent(org.id)}/feed.atom${node ? `?node=${encodeURIComponent(node)}` : ''}`;
    const updated = r.items.reduce((m, d) => (d.updatedAt > m ? d.updatedAt : m), org.createdAt);
    const title = `${org.name} 政府信息公开目录${node ? ` · ${nodes.find((n) => n.id === node)?.name ?? ''}` : ''}`;
    return c.body(atomFeed({ id: self, title, self, updated, entries: r.items, origin }), 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
  });

  app.get('/xxgk/:org', async (c) => {
    const org = await deps.organizations.get(c.req.param('org'));
    if (!org) return notFound(c, c.req.path);
    const q = c.req.query();
    const nodes = await catalogTree(deps, org.id);
    const node = q.node ? nodes.find((n) => n.id === q.node) : undefined;
    if (q.node && !node) return notFound(c, c.req.path);
    // A node of a 第二十条 item lists the documents of that item; a 基层 领域 node its own documents.
    const query = node && node.item !== null ? { ...q, node: '', item: node.item } : q;
    const parsed = listFilter(query, await deps.organizations.subtreeIds(org.id), ['published']);
    if (!parsed.ok) return htmlError(c, parsed.problems);
    const r = await deps.catalog.list(parsed.filter);
    return c.html(catalogListPage({ org: { id: org.id, name: org.name }, nodes, query: q, total: r.total, page: parsed.page, size: parsed.filter.limit, items: r.items }));
  });

  app.get('/sitemap.xml', async (c) => {
    const orgs = await deps.organizations.list();
    const r = await deps.catalog.list({ organizationIds: orgs.map((o) => o.id), states: ['published'], limit: SITEMAP_MAX - orgs.length - 1, offset: 0 });
    return c.body(sitemap(originOf(c), orgs.map((o) => o.id), r.items), 200, { 'content-type': 'application/xml; charset=utf-8' });
  });

  return app;
}
