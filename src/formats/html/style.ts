/**
 * The stylesheet of the printable report page (and of the web app's report view, which reuses it).
 *
 * Fonts: the body stack starts with WenQuanYi Micro Hei, a TrueType CJK font: Chromium PDFs set in Noto CJK (CFF)
 * extract as Kangxi-radical look-alikes (⼈ ⺠ ⾏, see docs/stack.md), so the PDF renderer relies on the first face
 * being TrueType. Headings use a 黑体 stack; faces that are not installed are skipped (fontconfig does not alias them).
 *
 * Page: A4 portrait throughout, as the national templates (国办公开办函〔2019〕60号/〔2021〕30号) are printed. Table 四's
 * fifteen value columns are fitted by a smaller type size for its headers (六号) instead of a
 * landscape page: a rotated page in the middle of the report prints and binds badly and scrolls badly on screen.
 */
export const REPORT_CSS = `
@page { size: A4; margin: 20mm 15mm 18mm; }
.annual-report .table-scroll { overflow-x: auto; max-width: 100%; }
@media print { .annual-report .table-scroll { overflow: visible; } }
.annual-report {
  font-family: "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif;
  font-size: 12pt;
  line-height: 1.7;
  color: #000;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
.annual-report h1, .annual-report h2, .annual-report .findings h2 {
  font-family: "SimHei", "黑体", "Heiti SC", "STHeiti", "WenQuanYi Micro Hei", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  font-weight: bold;
  break-after: avoid;
  page-break-after: avoid;
}
.annual-report h1 { font-size: 18pt; text-align: center; margin: 0 0 0.4em; line-height: 1.4; text-wrap: balance; }
.annual-report .report-meta { text-align: center; margin: 0 0 1.2em; }
.annual-report h2 { font-size: 14pt; margin: 1.2em 0 0.5em; }
.annual-report section > p { margin: 0 0 0.4em; text-indent: 2em; text-align: justify; }
.annual-report .placeholder, .annual-report .missing-table { color: #555; }
.annual-report .missing-table { border: 1px dashed #555; padding: 0.6em 1em; text-indent: 0; text-align: center; }

.report-table {
  width: 100%;
  border-collapse: collapse;
  table-layout: fixed;
  font-size: 9.5pt;
  line-height: 1.35;
  margin: 0 0 1em;
}
.report-table th, .report-table td {
  border: 1px solid #000;
  padding: 1.2mm 1mm;
  vertical-align: middle;
  overflow-wrap: anywhere;
}
.report-table th { font-weight: normal; }
.report-table th.header { text-align: center; }
.report-table th.label { text-align: left; }
.report-table th[scope="rowgroup"] { text-align: center; }
.report-table td.value { text-align: center; font-variant-numeric: tabular-nums; white-space: nowrap; }
/* A blank cell keeps a line's height (table 四 has no label beside its one row of values). */
.report-table td.blank { height: 1.35em; }
.report-table td.note { text-align: left; font-size: 0.9em; }
.report-table .row-group th[scope="colgroup"] { font-weight: bold; text-align: left; background: #f2f2f2; }
.report-table thead { display: table-header-group; }
.report-table tr { break-inside: avoid; page-break-inside: avoid; }

.table-proactive col.col-label-1 { width: 28%; }
/* A 第二十条 group stays with its title and header row; tables 三 and 四 fit one page, so they are not split. */
.table-proactive tbody { break-inside: avoid; page-break-inside: avoid; }
.table-applications, .table-reviewLitigation { break-inside: avoid; page-break-inside: avoid; }
/*
 * Table 三: the value columns are just wide enough for four characters a line at 9 pt (商业企业, 科研机构); rows are
 * tight enough for the 2021 table (22 result rows, three-line labels in （六）) to fit one page.
 */
.table-applications { font-size: 9pt; line-height: 1.3; }
.table-applications th, .table-applications td { padding: 0.8mm 1mm; }
.table-applications col.col-label-1 { width: 5%; }
.table-applications col.col-label-2 { width: 14%; }
.table-applications col.col-label-3 { width: 21.5%; }
.table-applications col.col-value { width: 8.5%; }
/*
 * Table 四: fifteen columns of 12 mm on A4 portrait. Its headers are set in 六号 (7.5 pt) so that 结果维持, 结果纠正 …
 * fit on one line; the values keep 9 pt.
 */
.table-reviewLitigation { font-size: 9pt; }
.table-reviewLitigation th { font-size: 7.5pt; }
.table-reviewLitigation th, .table-reviewLitigation td { padding: 1mm 0.4mm; }

.annual-report .visually-hidden {
  position: absolute !important;
  width: 1px; height: 1px;
  margin: -1px; padding: 0; border: 0;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
}

/* Every cell a finding names is tinted; the first one (the cell to look at) is also outlined. */
.report-table td.finding-error { background: #fbd5d2; }
.report-table td.finding-warning { background: #fff0c2; }
.report-table td.finding-info { background: #dde9fb; }
.report-table td.finding-primary { outline: 2px solid #1a1a1a; outline-offset: -2px; }
.report-table td.finding-error.finding-primary { outline-color: #b3261e; }
.report-table td.finding-warning.finding-primary { outline-color: #a86b00; }
.report-table td.finding-info.finding-primary { outline-color: #2f5fb3; }
.annual-report section.finding { border-left: 3px solid #a86b00; padding-left: 0.6em; }
.annual-report section.finding-error { border-left-color: #b3261e; }
.annual-report section.finding-info { border-left-color: #2f5fb3; }
.findings ol { padding-left: 2em; font-size: 10.5pt; }
.findings li { margin: 0 0 0.3em; break-inside: avoid; }
.findings .finding-severity { font-weight: bold; }
.findings li.finding-error .finding-severity { color: #b3261e; }
.findings li.finding-warning .finding-severity { color: #7d4e00; }
.findings li.finding-info .finding-severity { color: #2f5fb3; }
.findings .finding-code { font-size: 0.9em; color: #444; }

/* The standalone page (renderHtmlDocument) looks like a sheet of paper on screen; the web app's body is not touched. */
@media screen {
  body.report-page { background: #eee; margin: 0; padding: 1em 0; }
  body.report-page .annual-report { background: #fff; max-width: 180mm; margin: 0 auto; padding: 20mm 15mm; box-shadow: 0 0 4px #999; }
}
@media print {
  body.report-page { margin: 0; }
  .annual-report a { color: inherit; text-decoration: none; }
}
`;
