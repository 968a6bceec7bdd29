/**
 * The applications JSON API (documented at /openapi.json, ./openapi.ts): register, list, read, take steps, review
 * records, organisations, and the year's tables 三/四 with drill-down. Every route: read and check the input → use
 * case → presenter. Bad input → 400 with a located code and nothing written; an illegal step → 409; unknown id → 404.
 * Until staff accounts exist (issue 5) the acting person is named in the request body as `actor`.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  addReview,
  buildYearReport,
  decideReview,
  drillDown,
  getCase,
  listCases,
  registerApplication,
  takeStep,
  type ApplicationDeps,
} from '../../../app/applications/index.ts';
import { checkReport } from '../../../app/annual-report/index.ts';
import { createOrganization } from '../../../app/organizations/index.ts';
import { CASE_STATES, type CaseState } from '../../../core/application/case.ts';
import { isIsoDate } from '../../../core/calendar/dates.ts';
import { problem, type Problem } from '../../../core/errors.ts';
import { jsonError } from '../../errors.ts';
import { OPENAPI } from './openapi.ts';
import { presentCase, presentReview, presentSummary } from './presenter.ts';

/** Largest JSON body accepted (an application with a long description is a few KB). */
export const MAX_JSON_BODY = 256 * 1024;

const tooLarge = (c: Context) => jsonError(c, [problem('input.tooLarge', 'body', { zh: `请求体超过 ${MAX_JSON_BODY / 1024} KB`, en: `the body is over ${MAX_JSON_BODY / 1024} KB` })]);

/** The JSON body as an object, or the problem (json.syntax). */
async function readJson(c: Context): Promise<{ ok: true; body: Record<string, unknown> } | { ok: false; problems: Problem[] }> {
  const text = await c.req.text();
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return { ok: true, body: body as Record<string, unknown> };
    return { ok: false, problems: [problem('json.syntax', 'body', { zh: '请求体应为 JSON 对象', en: 'the body must be a JSON object' })] };
  } catch (error) {
    return { ok: false, problems: [problem('json.syntax', 'body', { zh: String((error as Error).message), en: String((error as Error).message) })] };
  }
}

/** The acting person named in the body (until accounts exist). */
function actorOf(body: Record<string, unknown>): string | Problem {
  const a = body.actor;
  return typeof a === 'string' && a.trim() !== '' && a.length <= 50 ? a.trim() : problem('application.invalid', 'actor', { zh: '请填写经办人（actor）', en: 'actor is required' });
}

const isProblem = (x: unknown): x is Problem => typeof x === 'object' && x !== null && 'code' in x && 'messageZh' in x;

function queryProblems(q: Record<string, string>): Problem[] {
  const out: Problem[] = [];
  for (const key of ['dueBefore', 'dueOnOrBefore', 'receivedFrom', 'receivedTo']) {
    if (q[key] !== undefined && !isIsoDate(q[key] as string)) out.push(problem('application.invalid', key, { zh: `应为 YYYY-MM-DD：${q[key]}`, en: `expected YYYY-MM-DD: ${q[key]}` }));
  }
  for (const s of (q.state ?? '').split(',').filter(Boolean)) {
    if (!(CASE_STATES as readonly string[]).includes(s)) out.push(problem('application.invalid', 'state', { zh: `没有此状态：${s}`, en: `no such state: ${s}` }));
  }
  for (const key of ['limit', 'offset']) {
    if (q[key] !== undefined && !/^\d{1,6}$/.test(q[key] as string)) out.push(problem('application.invalid', key, { zh: '应为非负整数', en: 'expected a non-negative integer' }));
  }
  if (q.order !== undefined && q.order !== 'due' && q.order !== 'received') out.push(problem('application.invalid', 'order', { zh: '应为 due 或 received', en: 'expected due or received' }));
  return out;
}

/** The routes under /api/applications, /api/reviews, /api/organizations, and /openapi.json. */
export function applicationApi(deps: ApplicationDeps): Hono {
  const app = new Hono();
  const limit = bodyLimit({ maxSize: MAX_JSON_BODY, onError: tooLarge });

  app.get('/openapi.json', (c) => c.json(OPENAPI));

  app.post('/api/applications', limit, async (c) => {
    const read = await readJson(c);
    if (!read.ok) return jsonError(c, read.problems);
    const actor = actorOf(read.body);
    if (isProblem(actor)) return jsonError(c, [actor]);
    const r = await registerApplication(deps, read.body, actor);
    if (!r.ok) return jsonError(c, r.problems);
    const view = await getCase(deps, r.value.id);
    return view.ok ? c.json(presentCase(view.value), 201) : jsonError(c, view.problems);
  });

  app.get('/api/applications', async (c) => {
    const q = c.req.query();
    const problems = queryProblems(q);
    if (problems.length > 0) return jsonError(c, problems);
    const today = deps.clock.today();
    const filter = {
      ...(q.state ? { states: q.state.split(',') as CaseState[] } : {}),
      ...(q.overdue === '1' || q.overdue === 'true' ? { dueBefore: today } : q.dueBefore ? { dueBefore: q.dueBefore } : {}),
      ...(q.dueOnOrBefore ? { dueOnOrBefore: q.dueOnOrBefore } : {}),
      ...(q.receivedFrom ? { receivedFrom: q.receivedFrom } : {}),
      ...(q.receivedTo ? { receivedTo: q.receivedTo } : {}),
      order: q.order === 'received' ? ('received' as const) : ('due' as const),
      limit: Math.min(Number(q.limit ?? 50), 500),
      offset: Number(q.offset ?? 0),
    };
    let list;
    if (q.organization) {
      if (!(await deps.organizations.get(q.organization))) return jsonError(c, [problem('notFound', 'organization', { zh: `没有此机关：${q.organization}`, en: `no such organisation: ${q.organization}` })]);
      list = await listCases(deps, q.organization, filter);
    } else {
      list = await deps.cases.list({ ...filter, organizationIds: (await deps.organizations.list()).map((o) => o.id) });
    }
    return c.json({ ok: true, today, total: list.total, items: list.items.map(presentSummary) });
  });

  app.get('/api/applications/:id', async (c) => {
    const view = await getCase(deps, c.req.param('id'));
    return view.ok ? c.json(presentCase(view.value)) : jsonError(c, view.problems);
  });

  app.post('/api/applications/:id/steps/:kind', limit, async (c) => {
    const read = await readJson(c);
    if (!read.ok) return jsonError(c, read.problems);
    const actor = actorOf(read.body);
    if (isProblem(actor)) return jsonError(c, [actor]);
    const version = read.body.version;
    if (version !== undefined && !(typeof version === 'number' && Number.isInteger(version))) return jsonError(c, [problem('application.invalid', 'version', { zh: '应为整数', en: 'expected an integer' })]);
    const r = await takeStep(deps, c.req.param('id'), c.req.param('kind'), read.body, actor, version);
    if (!r.ok) return jsonError(c, r.problems);
    const view = await getCase(deps, r.value.id);
    return view.ok ? c.json(presentCase(view.value)) : jsonError(c, view.problems);
  });

  app.post('/api/applications/:id/reviews', limit, async (c) => {
    const read = await readJson(c);
    if (!read.ok) return jsonError(c, read.problems);
    const r = await addReview(deps, c.req.param('id'), read.body);
    return r.ok ? c.json({ ok: true, review: presentReview(r.value) }, 201) : jsonError(c, r.problems);
  });

  app.post('/api/reviews/:id/decision', limit, async (c) => {
    const read = await readJson(c);
    if (!read.ok) return jsonError(c, read.problems);
    const r = await decideReview(deps, c.req.param('id'), read.body);
    return r.ok ? c.json({ ok: true, review: presentReview(r.value) }) : jsonError(c, r.problems);
  });

  app.get('/api/organizations', async (c) => c.json({ ok: true, items: await deps.organizations.list() }));

  app.post('/api/organizations', limit, async (c) => {
    const read = await readJson(c);
    if (!read.ok) return jsonError(c, read.problems);
    const b = read.body;
    const text = (v: unknown) => (typeof v === 'string' ? v : null);
    const r = await createOrganization(
      { organizations: deps.organizations, newId: deps.ids.newId, now: deps.clock.now },
      { name: text(b.name) ?? '', kind: (text(b.kind) ?? '') as 'government', parentId: text(b.parentId), code: text(b.code) },
    );
    return r.ok ? c.json({ ok: true, organization: r.organization }, 201) : jsonError(c, r.problems);
  });

  const yearOf = (c: Context): number => (/^\d{4}$/.test(c.req.param('year') ?? '') ? Number(c.req.param('year')) : NaN);

  app.get('/api/organizations/:id/tables/:year', async (c) => {
    const r = await buildYearReport(deps, c.req.param('id'), yearOf(c));
    if (!r.ok) return jsonError(c, r.problems);
    const { findings } = checkReport({ report: r.value });
    return c.json({ ok: true, report: r.value, findings });
  });

  app.get('/api/organizations/:id/tables/:year/cells/:table/:cell', async (c) => {
    const r = await drillDown(deps, c.req.param('id'), yearOf(c), c.req.param('table'), c.req.param('cell'), Math.min(Number(c.req.query('limit') ?? 200) || 200, 1000));
    if (!r.ok) return jsonError(c, r.problems);
    return c.json(r.value.table === 'applications' ? { ok: true, total: r.value.total, cases: r.value.cases.map(presentSummary) } : { ok: true, total: r.value.total, records: r.value.records.map(presentReview) });
  });

  return app;
}
