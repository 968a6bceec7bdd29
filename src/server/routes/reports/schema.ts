/** Request schemas of the report routes (validated before any use case runs). */
import { z } from 'zod';

/** A demo report id is a file base name such as 002_b7b31fc9363d19c4. */
export const ReportParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/) });

/** The format is checked against the format registry by the use case (unknown → format.unknown). */
export const DownloadParams = ReportParams.extend({ format: z.string().min(1).max(20) });
