/**
 * How a provisional (暂定) deadline shows: a date counted over a year whose State Council holiday notice is not loaded,
 * on the statutory holidays of 《全国年节及纪念日放假办法》第二条 alone (src/core/calendar/statutory-holidays.ts).
 * Staff pages put a badge beside the date, its explanation as a tooltip and, once per page, as visible text; the
 * applicant's pages say it in words beside the date.
 */
import type { Provisional } from '../../core/calendar/deadlines.ts';
import { PROVISIONAL_LABEL, PROVISIONAL_NOTE } from '../../core/calendar/statutory-holidays.ts';
import { escapeHtml } from '../../formats/html/escape.ts';

export const PROVISIONAL_CSS = `.flag.provisional{background:#ddf4ff;color:#0a3069;border:1px solid #54aeff;text-decoration:none;cursor:help}`;

const isProvisional = (p: Provisional | { readonly ok: false } | null | undefined): boolean => !!p && 'provisional' in p && p.provisional === true;

/** The 暂定 badge (HTML) beside a date, with the reason as its tooltip; '' when the date is final. */
export function provisionalBadge(p: Provisional | { readonly ok: false } | null | undefined): string {
  return isProvisional(p) ? ` <abbr class="flag provisional" title="${escapeHtml(PROVISIONAL_NOTE.zh)}">${PROVISIONAL_LABEL.zh}</abbr>` : '';
}

/** The visible explanation under a list or a card that shows a provisional date (HTML); '' when none does. */
export function provisionalNote(any: boolean): string {
  return any ? `<p class="muted note">${PROVISIONAL_LABEL.zh}：${escapeHtml(PROVISIONAL_NOTE.zh)}（只计法定节日，不含调休），该年度放假安排公布并载入后自动改为正式期限。</p>` : '';
}

/** The plain-text words after a provisional date (the applicant's pages); '' when the date is final. */
export function provisionalWords(p: Provisional | { readonly ok: false } | null | undefined): string {
  return isProvisional(p) ? `（${PROVISIONAL_LABEL.zh}：${PROVISIONAL_NOTE.zh}）` : '';
}

export { isProvisional };
