/**
 * Presenters of the report routes: domain values → what a page or the JSON API shows. No report leaves as a
 * response except through here (docs/architecture.md rule 5).
 */
import type { CheckReportOutput, FindingSummary } from '../../../app/annual-report/index.ts';
import type { Finding } from '../../../core/annual-report/findings.ts';
import type { AnnualReport } from '../../../core/annual-report/model.ts';
import { reportToJson } from '../../../core/annual-report/serialize.ts';
import { TEMPLATES, type TemplateId } from '../../../core/annual-report/templates/index.ts';
import { reportTitle } from '../../../formats/report-text.ts';
import type { StoredReport } from '../../../app/annual-report/ports.ts';

export { reportTitle };

/** Shown where a report names no organisation (the source lost it). */
export const UNNAMED_ORGANIZATION = '（未署名机关）';

export interface DownloadLink {
  readonly format: string;
  readonly label: string;
  readonly href: string;
}

export interface ReportListItem {
  readonly id: string;
  readonly href: string;
  /** The organisation, or null when the report names none. */
  readonly organization: string | null;
  readonly organizationLabel: string;
  readonly year: number | null;
  readonly template: TemplateId;
  /** The notice that issued the template, e.g. 国办公开办函〔2019〕60号. */
  readonly templateNotice: string;
  readonly summary: FindingSummary;
  /** Published elsewhere and imported (已导入), not built on the platform. */
  readonly imported: boolean;
  /** The version (第 2 版 after a correction). */
  readonly version: number;
  readonly publishedAt: string | null;
}

export interface FormatLabel {
  readonly label: string;
}

/** One row of the report list. Never throws. */
export function presentListItem(stored: StoredReport, summary: FindingSummary): ReportListItem {
  const { report } = stored;
  return {
    id: stored.id,
    href: `/reports/${encodeURIComponent(stored.id)}`,
    organization: report.organization,
    organizationLabel: report.organization ?? UNNAMED_ORGANIZATION,
    year: report.year,
    template: report.template,
    templateNotice: TEMPLATES[report.template].notice,
    summary,
    imported: stored.imported,
    version: stored.version,
    publishedAt: stored.publishedAt,
  };
}

/** Download links for every registered format, in registry order. Never throws. */
export function presentDownloads(id: string, formats: Readonly<Record<string, FormatLabel>>): DownloadLink[] {
  return Object.entries(formats).map(([format, def]) => ({
    format,
    label: def.label,
    href: `/reports/${encodeURIComponent(id)}/download/${format}`,
  }));
}

/** `Content-Disposition` with an ASCII fallback and the Chinese file name in `filename*` (RFC 6266/5987). Never throws. */
export function contentDisposition(id: string, report: AnnualReport, ext: string): string {
  const utf8Name = `${reportTitle(report)}.${ext}`.replace(/[\\/:*?"<>|]/g, '_');
  const ascii = `${id}.${ext}`.replace(/[^A-Za-z0-9._-]/g, '_');
  // RFC 5987 attr-char excludes ' ( ) * ! which encodeURIComponent leaves as they are.
  const encoded = encodeURIComponent(utf8Name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** JSON API: the list. Never throws. */
export function presentListJson(items: readonly ReportListItem[], next: string | null) {
  return {
    ok: true as const,
    next: next === null ? null : `/api/reports?after=${next}`,
    reports: items.map((i) => ({
      id: i.id,
      organization: i.organization,
      year: i.year,
      template: i.template,
      templateNotice: i.templateNotice,
      summary: i.summary,
      source: i.imported ? ('imported' as const) : ('platform' as const),
      version: i.version,
      publishedAt: i.publishedAt,
      links: { page: i.href, api: `/api/reports/${encodeURIComponent(i.id)}` },
    })),
  };
}

/** JSON API: one report in the canonical JSON with its findings. Never throws. */
export function presentReportJson(stored: StoredReport, check: CheckReportOutput, downloads: readonly DownloadLink[]) {
  const findings: readonly Finding[] = check.findings;
  return {
    ok: true as const,
    id: stored.id,
    source: stored.imported ? ('imported' as const) : ('platform' as const),
    version: stored.version,
    publishedAt: stored.publishedAt,
    report: reportToJson(stored.report),
    findings,
    summary: { ...check.summary, hasErrors: check.hasErrors },
    downloads: Object.fromEntries(downloads.map((d) => [d.format, d.href])),
  };
}
