/**
 * The ReportStore port (app/annual-report/ports.ts) over annual_reports: the one store of every report version — built
 * through the season, imported by an area or from /import, the demo's (migration 0027). Writes go through the season
 * repository's put, so a version's cell vector (annual_report_cells) and its state stay in step in one transaction.
 */
import { sql, type Kysely } from 'kysely';
import type { ExistingReport, ReportStore, StoredReport } from '../app/annual-report/ports.ts';
import type { SeasonRepository } from '../app/season/reports.ts';
import { parseProvenance } from '../core/annual-report/import/provenance.ts';
import type { AnnualReport } from '../core/annual-report/model.ts';
import { parseReportJson } from '../core/annual-report/parse.ts';
import { stringifyReport } from '../core/annual-report/serialize.ts';
import { mayWithdraw, type ReportState } from '../core/season/lifecycle.ts';
import type { Database } from './schema.ts';
import { kyselySeason } from './season.ts';
import { DomainError, problem } from '../core/errors.ts';
import { newReportId } from './report-id.ts';

interface Row {
  report_id: string | null;
  organization_id: string;
  year: number;
  version: number;
  state: string;
  report: string | null;
  provenance: string | null;
  source: string;
  published_at: string | null;
  newer: number | string | bigint | null;
}

/** A published row as the pages read it; null when its report does not parse (never expected: it was validated). */
function stored(row: Row): StoredReport | null {
  const parsed = parseReportJson(row.report ?? '');
  if (!parsed.ok || row.report_id === null) return null;
  const report = parsed.report as AnnualReport;
  const provenance = row.provenance ? parseProvenance(row.provenance, report) : null;
  return {
    id: row.report_id,
    report,
    ...(provenance ? { provenance } : {}),
    organizationId: row.organization_id,
    version: Number(row.version),
    imported: row.source === 'import',
    publishedAt: row.published_at,
    latest: Number(row.newer ?? 0) === 0,
  };
}

const cursorOf = (r: { published_at: string | null; report_id: string | null }) => Buffer.from(`${r.published_at ?? ''}\u0000${r.report_id ?? ''}`).toString('base64url');
/** A cursor this store made (a publication time and an id), or null. */
function readCursor(cursor: string): [string, string] | null {
  const parts = Buffer.from(cursor, 'base64url').toString().split('\u0000');
  return parts.length === 2 && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(parts[0] ?? '') && /^[A-Za-z0-9_-]{1,100}$/.test(parts[1] ?? '') ? [parts[0] as string, parts[1] as string] : null;
}

export function kyselyReports(db: Kysely<Database>, season: SeasonRepository = kyselySeason(db)): ReportStore {
  /** The published rows with, per row, how many later versions of its year exist (0: it is the latest). */
  const published = () =>
    db
      .selectFrom('annual_reports as a')
      .select(['a.report_id', 'a.organization_id', 'a.year', 'a.version', 'a.state', 'a.report', 'a.provenance', 'a.source', 'a.published_at'])
      .select(sql<number>`(select count(*) from annual_reports b where b.organization_id = a.organization_id and b.year = a.year and b.version > a.version)`.as('newer'))
      .where('a.state', '=', 'published');

  return {
    async list({ limit, after }) {
      let q = published()
        // Each (organisation, year) once: its newest published version (an older one a correction replaced is not listed).
        .where(sql<boolean>`not exists (select 1 from annual_reports c where c.organization_id = a.organization_id and c.year = a.year and c.version > a.version and c.state = 'published')`)
        .orderBy('a.published_at', 'desc')
        .orderBy('a.report_id', 'desc')
        .limit(limit + 1);
      const from = after ? readCursor(after) : null;
      if (after && !from) throw new DomainError([problem('page.cursor', 'after')]);
      if (from) q = q.where((eb) => eb.or([eb('a.published_at', '<', from[0]), eb.and([eb('a.published_at', '=', from[0]), eb('a.report_id', '<', from[1])])]));
      const rows = (await q.execute()) as Row[];
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { items: page.map(stored).filter((r): r is StoredReport => r !== null), next: rows.length > limit && last ? cursorOf(last) : null };
    },

    async get(id) {
      const row = (await published().where('a.report_id', '=', id).executeTakeFirst()) as Row | undefined;
      return row ? stored(row) : null;
    },

    async current(organizationId, year) {
      const [latest] = await season.versions(organizationId, year);
      if (!latest || latest.state === 'withdrawn') return null;
      const found: ExistingReport = { id: latest.reportId ?? '', version: latest.version, state: latest.state, report: latest.report };
      return found;
    },

    async saveImported({ organizationId, report, provenance, by, at, note, id }) {
      const [latest] = await season.versions(organizationId, report.year ?? -1);
      if (report.year === null || (latest && latest.state !== 'withdrawn')) return { ok: false };
      const reportId = id ?? newReportId(at);
      const version = latest ? latest.version + 1 : 1;
      const written = await season.put(
        {
          organizationId,
          year: report.year,
          version,
          state: 'published',
          report: stringifyReport(report),
          comment: note,
          updatedAt: at,
          updatedBy: by,
          publishedAt: at,
          submittedAt: at,
          provenance: provenance ? JSON.stringify(provenance) : null,
          reportId,
          source: 'import',
        },
        latest ? { version: latest.version, state: latest.state } : null,
      );
      return written ? { ok: true, id: reportId, version } : { ok: false };
    },

    async withdraw(id, { by, at, reason }) {
      const found = await this.get(id);
      if (!found || !mayWithdraw({ state: 'published', source: found.imported ? 'import' : 'platform' }, found.latest)) return false;
      const [latest] = await season.versions(found.organizationId, found.report.year ?? -1);
      if (!latest || latest.version !== found.version) return false;
      const state: ReportState = 'withdrawn';
      return season.put({ ...latest, state, comment: reason, updatedAt: at, updatedBy: by }, { version: latest.version, state: latest.state });
    },
  };
}
