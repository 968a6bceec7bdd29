/** The work-queue filters bench:desk times and bench/desk-plans.ts explains, on the generated world's date. */
import type { CaseFilter } from '../src/app/applications/ports.ts';
import { OPEN_STATES, type CaseState } from '../src/core/application/case.ts';

/** "Today" in the generated desk world. */
export const DESK_TODAY = '2025-06-30';

export const QUEUE_FILTERS: Record<string, Omit<CaseFilter, 'organizationIds'>> = {
  在办: { states: [...OPEN_STATES], order: 'due' },
  全部: { order: 'due' },
  已超期: { states: [...OPEN_STATES], dueBefore: DESK_TODAY, order: 'due' },
  即将到期: { states: [...OPEN_STATES], dueOnOrBefore: '2025-07-07', order: 'due' },
  撤回: { states: ['withdrawn' as CaseState], order: 'due' },
  按收到日期: { order: 'received' },
};
