/**
 * Use case: render a report to one of the export formats of the registry (src/formats/index.ts).
 */
import type { Finding } from '../../core/annual-report/findings.ts';
import type { AnnualReport } from '../../core/annual-report/model.ts';
import { DomainError, problem, type Problem } from '../../core/errors.ts';
import type { RendererRegistry } from './ports.ts';

export interface RenderReportDeps {
  readonly formats: RendererRegistry;
}

export interface RenderReportInput {
  readonly report: AnnualReport;
  /** A format id of the registry (md, html, docx, xlsx, pdf, json); anything else is `format.unknown`. */
  readonly format: string;
  /** Findings to highlight (HTML and PDF); omitted → a clean document. */
  readonly findings?: readonly Finding[];
}

export type RenderReportResult =
  | { readonly ok: true; readonly bytes: Uint8Array; readonly format: string; readonly ext: string; readonly contentType: string }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** The problem for a format name that is not in the registry, listing the formats that are. */
export function unknownFormat(formats: RendererRegistry, format: string): Problem {
  const known = Object.keys(formats);
  return problem(
    'format.unknown',
    'format',
    { zh: `“${format}”；可用格式：${known.join('、')}`, en: `"${format}"; available formats: ${known.join(', ')}` },
    { format, formats: known },
  );
}

/** Render the report. Unknown format → `format.unknown`; renderer DomainErrors (e.g. `pdf.unavailable`) come back as problems; other errors are bugs and reject. */
export async function renderReport(deps: RenderReportDeps, input: RenderReportInput): Promise<RenderReportResult> {
  const renderer = Object.hasOwn(deps.formats, input.format) ? deps.formats[input.format] : undefined;
  if (!renderer) return { ok: false, problems: [unknownFormat(deps.formats, input.format)] };
  try {
    const bytes = await renderer.render(input.report, input.findings ? { findings: input.findings } : {});
    return { ok: true, bytes, format: input.format, ext: renderer.ext, contentType: renderer.contentType };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, problems: error.problems };
    throw error;
  }
}
