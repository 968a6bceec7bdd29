export type { CaseFilter, CaseRepository, CaseSummary, Clock, IdSource, NextDue, ReviewRepository } from './ports.ts';
export { getCase, listCases, loadCalendar, nextDueOf, registerApplication, takeStep, type Actor, type ApplicationDeps, type CaseView, type Outcome } from './cases.ts';
export { buildYearReport, drillDown, type DrillDown, type YearReportDeps } from './year-report.ts';
export { addReview, decideReview } from './reviews.ts';
