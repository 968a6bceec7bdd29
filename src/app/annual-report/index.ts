/** The annual-report use cases (政府信息公开工作年度报告, 条例 Art. 49-50), called by the CLI and the server alike. */
export { loadReportFile, type LoadReportDeps } from './load-report.ts';
export { checkReport, summarizeFindings, type CheckReportInput, type CheckReportOutput, type FindingSummary } from './check-report.ts';
export { renderReport, unknownFormat, type RenderReportDeps, type RenderReportInput, type RenderReportResult } from './render-report.ts';
export { newReport, type NewReportInput, type NewReportResult } from './new-report.ts';
export { importReport, countCells, type ImportReportDeps, type ImportReportInput, type ImportReportResult, type ImportCounts } from './import-report.ts';
export type { RendererRegistry, ReportRenderer, TextExtractor, TextFileReader } from './ports.ts';
