/** Request schemas of the report routes (validated before any use case runs). */
import { z } from 'zod';

/** A report id: 2026-11-23-k3x9q2 as the store makes them, or an id kept from before (a demo file's base name). */
export const ReportParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/) });

/** The format is checked against the format registry by the use case (unknown → format.unknown). */
export const DownloadParams = ReportParams.extend({ format: z.string().min(1).max(20) });

/** The list's page: `after` is the previous page's opaque cursor. */
export const ListQuery = z.object({ after: z.string().regex(/^[A-Za-z0-9_-]{1,400}$/).optional() });
