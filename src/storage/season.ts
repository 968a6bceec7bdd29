/** The annual reports' season records in the database (migration 0012). */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { FrozenCells, FrozenVersion, SeasonRecord, SeasonRepository } from '../app/season/reports.ts';
import type { AnnualReport } from '../core/annual-report/model.ts';
import { parseReportJson } from '../core/annual-report/parse.ts';
import { cellVector } from '../core/season/rollup.ts';
import { FROZEN_STATES, type ReportState } from '../core/season/lifecycle.ts';
import type { AnnualReportsTable, Database } from './schema.ts';
import { newReportId } from './report-id.ts';

const recordOf = (r: Omit<Selectable<AnnualReportsTable>, 'provenance' | 'notice' | 'report_id' | 'source'> & { provenance?: string | null; notice?: string | null; report_id?: string | null; source?: string }): SeasonRecord => ({
  organizationId: r.organization_id,
  year: Number(r.year),
  version: Number(r.version),
  state: r.state as ReportState,
  report: r.report,
  comment: r.comment,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  publishedAt: r.published_at,
  submittedAt: r.submitted_at ?? null,
  ...('provenance' in r ? { provenance: r.provenance } : {}),
  notice: r.notice ?? null,
  ...(r.report_id ? { reportId: r.report_id } : {}),
  ...(r.source ? { source: r.source === 'import' ? 'import' : 'platform' } : {}),
});

/** The columns of a record but the report, and the report itself or, when not read, '' for one that exists. */
const COLUMNS = ['organization_id', 'year', 'version', 'state', 'comment', 'updated_at', 'updated_by', 'published_at', 'submitted_at', 'notice', 'report_id', 'source'] as const;
const reportColumn = (withReport: boolean) => (withReport ? sql<string | null>`report` : sql<string | null>`case when report is null then null else '' end`).as('report');

/** The cells column of a report (canonical JSON): its vector with the template and year; null when unreadable. */
export function cellsColumn(report: string | null): string | null {
  if (report === null) return null;
  const parsed = parseReportJson(report);
  return parsed.ok ? JSON.stringify({ template: parsed.report.template, year: parsed.report.year, cells: cellVector(parsed.report as AnnualReport) }) : null;
}

function readCells(text: string | null): FrozenCells | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as FrozenCells;
    return Array.isArray(v.cells) ? v : null;
  } catch {
    return null;
  }
}

export function kyselySeason(db: Kysely<Database>): SeasonRepository {
  return {
    async versions(organizationId, year) {
      return (await db.selectFrom('annual_reports').selectAll().where('organization_id', '=', organizationId).where('year', '=', year).orderBy('version', 'desc').execute()).map(recordOf);
    },
    async latest(organizationIds, years, withReport = true) {
      const best = new Map<string, SeasonRecord>();
      // Chunks keep under the engines' bound-parameter limits (SQLite 32766, pg 65535).
      for (let i = 0; i < organizationIds.length; i += 5000) {
        // Without the text, '' marks a report that exists (a few KB each: thousands are not read for nothing).
        let q = db
          .selectFrom('annual_reports')
          .select([...COLUMNS, reportColumn(withReport)])
          .where('organization_id', 'in', organizationIds.slice(i, i + 5000));
        if (years) q = q.where('year', 'in', years.length > 0 ? [...years] : [-1]);
        for (const row of await q.execute()) {
          const r = recordOf(row);
          const key = `${r.organizationId}\u0000${r.year}`;
          const seen = best.get(key);
          if (!seen || seen.version < r.version) best.set(key, r);
        }
      }
      return [...best.values()];
    },
    async frozenCells(organizationIds, year) {
      const best = new Map<string, FrozenVersion>();
      // The narrow table (0024): ~0.5 KB a row, never the report text.
      for (let i = 0; i < organizationIds.length; i += 5000) {
        const rows = await db
          .selectFrom('annual_report_cells')
          .select(['organization_id', 'version', 'cells'])
          .where('year', '=', year)
          .where('organization_id', 'in', organizationIds.slice(i, i + 5000))
          .where('state', 'in', [...FROZEN_STATES])
          .execute();
        for (const row of rows) {
          const seen = best.get(row.organization_id);
          if (!seen || seen.version < Number(row.version)) best.set(row.organization_id, { organizationId: row.organization_id, version: Number(row.version), cells: readCells(row.cells) });
        }
      }
      return [...best.values()];
    },
    async published(organizationIds, withReport) {
      const out: SeasonRecord[] = [];
      for (let i = 0; i < organizationIds.length; i += 5000) {
        const rows = await db
          .selectFrom('annual_reports')
          .select([...COLUMNS, reportColumn(withReport), (withReport ? sql<string | null>`provenance` : sql<string | null>`null`).as('provenance')])
          .where('state', '=', 'published')
          .where('organization_id', 'in', organizationIds.slice(i, i + 5000))
          .execute();
        out.push(...rows.map(recordOf));
      }
      return out.sort((a, b) => b.year - a.year || b.version - a.version);
    },
    async put(record, expected) {
      const row = { organization_id: record.organizationId, year: record.year, version: record.version, state: record.state, report: record.report, comment: record.comment, updated_at: record.updatedAt, updated_by: record.updatedBy, published_at: record.publishedAt, submitted_at: record.submittedAt, provenance: record.provenance ?? null, notice: record.notice ?? null, ...(record.reportId ? { report_id: record.reportId } : {}), ...(record.source ? { source: record.source } : {}) };
      const cells = record.report === null ? null : { organization_id: record.organizationId, year: record.year, version: record.version, state: record.state, cells: cellsColumn(record.report) };
      return db.transaction().execute(async (tx) => {
        const latest = await tx.selectFrom('annual_reports').select(['version', 'state']).where('organization_id', '=', record.organizationId).where('year', '=', record.year).orderBy('version', 'desc').executeTakeFirst();
        const matches = expected === null ? latest === undefined : latest !== undefined && Number(latest.version) === expected.version && latest.state === expected.state;
        if (!matches) return false;
        if (latest !== undefined && Number(latest.version) === record.version) {
          const updated = await tx.updateTable('annual_reports').set(row).where('organization_id', '=', record.organizationId).where('year', '=', record.year).where('version', '=', record.version).where('state', '=', latest.state).executeTakeFirst();
          if (Number(updated.numUpdatedRows) !== 1) return false;
          await tx.deleteFrom('annual_report_cells').where('organization_id', '=', record.organizationId).where('year', '=', record.year).where('version', '=', record.version).execute();
        } else {
          // A new version gets its public id (0027) here unless it brings one (a report moved in with its old id).
          await tx.insertInto('annual_reports').values({ report_id: newReportId(record.updatedAt), source: 'platform', ...row }).execute();
        }
        if (cells) await tx.insertInto('annual_report_cells').values(cells).execute();
        return true;
      }).catch((error: unknown) => {
        // Two first writes racing: the primary key refuses the second.
        if (/unique|duplicate|primary/i.test(String(error))) return false;
        throw error;
      });
    },
  };
}
