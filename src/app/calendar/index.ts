export type { CalendarRepository } from './ports.ts';
export { addCalendarYear, type AddCalendarYearDeps } from './add-year.ts';
