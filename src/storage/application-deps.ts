/**
 * The application use cases' dependencies over one database: the repositories of src/storage, with the clock and
 * the ids the caller gives. Used by the server, the CLI and the tests.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApplicationDeps, Clock } from '../app/applications/index.ts';
import type { PeopleDeps } from '../app/people/index.ts';
import type { PortalDeps } from '../app/portal/portal.ts';
import { kyselyGuides } from './guides.ts';
import { kyselyReportDrafts } from './report-drafts.ts';
import { kyselySeason } from './season.ts';
import { kyselyImportJobs } from './import-jobs.ts';
import { kyselySeasonImports } from './season-import.ts';
import { kyselyAudit } from './audit.ts';
import { kyselyCalendar } from './calendar.ts';
import { kyselyApprovals, kyselyCases, kyselyReviews } from './cases.ts';
import { kyselyOrganizations } from './organizations.ts';
import { nodeCrypto, scryptPasswords } from './passwords.ts';
import { kyselyResets, kyselySessions, kyselyThrottle, kyselyUsers } from './people.ts';
import type { Database } from './schema.ts';
import type { CatalogDeps } from '../app/catalog/documents.ts';
import { kyselyCatalog } from './catalog.ts';
import { documentIndexIn } from './document-index.ts';
import { htmlRichText } from '../formats/html/sanitize.ts';
import type { CatalogServiceDeps } from '../app/catalog/index.ts';
import { attachmentText } from '../formats/catalog/attachment-text.ts';
import { readTable } from '../formats/catalog/table-read.ts';
import { catalogFiles } from './catalog-files.ts';
import { fileCatalogSeed } from './catalog-seed.ts';
import { kyselySite } from './site.ts';

/**
 * `reads`: where long reads go (lists, drill-downs, tallies, the audit pages) — the server's SQLite reader thread
 * (./sqlite-reader.ts), so they leave the event loop; default `db`.
 */
export function applicationDeps(db: Kysely<Database>, clock: Clock, newId: () => string = randomUUID, reads: Kysely<Database> = db): ApplicationDeps {
  return {
    cases: kyselyCases(db, { reads }),
    reviews: kyselyReviews(db, reads),
    approvals: kyselyApprovals(db),
    organizations: kyselyOrganizations(db),
    calendar: kyselyCalendar(db, { now: clock.now }),
    clock,
    ids: { newId },
    catalog: kyselyCatalog(db, documentIndexIn),
  };
}

/** The people use cases' dependencies (accounts, sessions, throttling, audit) over one database. */
export function peopleDeps(db: Kysely<Database>, now: () => string, newId: () => string = randomUUID, reads: Kysely<Database> = db): PeopleDeps {
  return {
    users: kyselyUsers(db),
    sessions: kyselySessions(db),
    resets: kyselyResets(db),
    throttle: kyselyThrottle(db),
    audit: kyselyAudit(db, reads),
    organizations: kyselyOrganizations(db),
    passwords: scryptPasswords,
    crypto: nodeCrypto,
    now,
    newId,
  };
}

/** The portal's dependencies: the desk's, plus guides, the throttle table, crypto and the audit log. */
export function portalDeps(db: Kysely<Database>, clock: Clock, newId: () => string = randomUUID, reads: Kysely<Database> = db): PortalDeps {
  return { ...applicationDeps(db, clock, newId, reads), guides: kyselyGuides(db), throttle: kyselyThrottle(db), crypto: nodeCrypto, audit: kyselyAudit(db, reads), drafts: kyselyReportDrafts(db), season: kyselySeason(db), seasonImports: kyselySeasonImports(db), importJobs: kyselyImportJobs(db) };
}

/** The catalog's dependencies (政府信息公开目录): documents, tree and decisions, the calendar for Art. 26, the sanitiser. */
export function catalogDeps(db: Kysely<Database>, clock: Clock, newId: () => string = randomUUID, indexPattern?: string): CatalogDeps {
  return {
    catalog: kyselyCatalog(db, documentIndexIn),
    organizations: kyselyOrganizations(db),
    calendar: kyselyCalendar(db, { now: clock.now }),
    clock,
    ids: { newId },
    richText: htmlRichText,
    ...(indexPattern !== undefined ? { indexPattern } : {}),
    // The site's setting (/console/site) is read at each publication: a change applies to the next 索引号.
    sitePattern: async () => (await kyselySite(db).get())?.indexPattern ?? null,
  };
}

/** Everything the catalog's routes need: the use cases' deps plus the file store, text extraction, seed and table reader. */
export function catalogRouteDeps(db: Kysely<Database>, clock: Clock, dataDir: string, newId: () => string = randomUUID): CatalogServiceDeps {
  return { ...catalogDeps(db, clock, newId), files: catalogFiles(dataDir), text: attachmentText, seed: fileCatalogSeed, readTable };
}
