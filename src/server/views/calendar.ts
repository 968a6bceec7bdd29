/** The holiday calendar page (/console/calendar): which years are loaded, and loading next year's notice. */
import type { DeadlineChange } from '../../app/applications/index.ts';
import type { Problem } from '../../core/errors.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { page } from './layout.ts';

export interface CalendarPageInput {
  readonly years: readonly number[];
  /** The year a reminder is due for (next year, from November), or null. */
  readonly missing: number | null;
  readonly csrfToken: string;
  readonly text?: string;
  readonly problems?: readonly Problem[];
  readonly loaded?: { readonly year: number; readonly holidays: number; readonly workdays: number; readonly changed: readonly DeadlineChange[] } | null;
}

export function calendarPage(input: CalendarPageInput): string {
  const problems = input.problems ?? [];
  const span = input.years.length > 0 ? `${input.years[0]}—${input.years[input.years.length - 1]} 年` : '无';
  const loaded = input.loaded
    ? `<div class="notice" role="status"><p>已载入 ${input.loaded.year} 年：放假 ${input.loaded.holidays} 天、调休上班 ${input.loaded.workdays} 天。重算办理中案件的当前期限 ${input.loaded.changed.length} 件（每件记入审计日志）。</p>${
        input.loaded.changed.length > 0 ? `<ul>${input.loaded.changed.map((c) => `<li>${escapeHtml(c.number)}：${escapeHtml(c.from.date ?? '—')} → ${escapeHtml(c.to.date ?? '—')}</li>`).join('')}</ul>` : ''
      }</div>`
    : '';
  return page({
    title: '节假日安排',
    nav: 'calendar',
    body: `<h1>节假日安排（工作日日历）</h1>
<p class="lead">条例规定的期限按工作日计算。已载入：${escapeHtml(span)}。未载入年度的期限按《全国年节及纪念日放假办法》暂定计算，并标明“暂定”；国务院办公厅公布该年部分节假日安排的通知后，请在此载入，暂定期限随即改为正式期限。</p>
${input.missing !== null ? `<div class="problems" role="status"><h2>${input.missing} 年节假日安排尚未载入</h2><p>通知公布后请按下面的格式载入。</p></div>` : ''}
${loaded}
${problems.length > 0 ? `<div class="problems" role="alert"><h2>未载入</h2><ul>${problems.map((p) => `<li>${escapeHtml(p.at ? `${p.at}：` : '')}${escapeHtml(p.messageZh)}</li>`).join('')}</ul></div>` : ''}
<form class="form" method="post" action="/console/calendar">
<input type="hidden" name="_csrf" value="${escapeHtml(input.csrfToken)}">
<div class="field"><label for="c-notice">放假安排（每行一项，格式见 docs/calendar.md，可用 gongkai calendar show 年份 导出的文件作样例）</label>
<textarea id="c-notice" name="notice" rows="16" style="width:100%" aria-describedby="c-notice-hint" required>${escapeHtml(input.text ?? '')}</textarea>
<span class="hint" id="c-notice-hint">例：“年度 2027”、“来源 国办发明电〔2026〕×号”、“2027-01-01 元旦 休”、“2027-02-06..2027-02-13 春节 休”、“2027-02-14 春节 班”（调休上班须为星期六或星期日）</span></div>
<p><label><input type="checkbox" name="replace" value="1"> 替换已载入的同一年度（更正已载入的安排时勾选）</label></p>
<button class="primary" type="submit">载入</button>
</form>`,
  });
}
