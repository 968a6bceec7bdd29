export type { ApprovalRepository, CaseFilter, CaseRepository, CaseSummary, Clock, IdSource, NextDue, ReportDraftRepository, ReviewRepository } from './ports.ts';
export { getCase, listCases, loadCalendar, nextDueOf, refreshNextDue, registerApplication, takeStep, type Actor, type ApplicationDeps, type CaseView, type DeadlineChange, type Outcome } from './cases.ts';
export { buildYearReport, drillDown, MAX_DRILL_DOWN, MAX_SECTION_CHARS, saveReportSections, type DrillDown, type YearReportDeps } from './year-report.ts';
export { addReview, decideReview } from './reviews.ts';
export { approveProposal, proposeStep, returnProposal } from './approvals.ts';
export { correctApplication, voidApplication } from './corrections.ts';
