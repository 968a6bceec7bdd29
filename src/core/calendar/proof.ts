/**
 * The deadline proof (期限计算明细) as text: one line per calendar day from receipt to the answer due date, saying
 * whether it counted (第k个工作日), was skipped (周末, 节假日 + name) or paused (+ reason), and which deadline falls on
 * it with its article (条例第三十条、第三十二条、第三十三条、第三十四条). Chinese first; the web page and the notices
 * print the same lines.
 */
import { weekdayEn, weekdayZh } from './dates.ts';
import type { DeadlineProof } from './deadlines.ts';
import { PROVISIONAL_LABEL, PROVISIONAL_NOTE } from './statutory-holidays.ts';
import type { ProofDay } from './working-days.ts';

/** One proof day in words: [Chinese, English]; a day of a provisional year ends in （暂定） / (provisional). */
export function describeProofDay(day: ProofDay): [string, string] {
  const [zh, en] = describeDay(day);
  return day.status !== 'dayZero' && day.provisional ? [`${zh}（${PROVISIONAL_LABEL.zh}）`, `${en} (${PROVISIONAL_LABEL.en})`] : [zh, en];
}

function describeDay(day: ProofDay): [string, string] {
  switch (day.status) {
    case 'dayZero':
      return ['第0日：收到申请（不计入）', 'day 0: received (not counted)'];
    case 'counted':
      return day.reason === 'makeUpWorkday'
        ? [`第${day.n}个工作日（调休上班：${day.name ?? ''}）`, `working day ${day.n} (make-up workday: ${day.name ?? ''})`]
        : [`第${day.n}个工作日`, `working day ${day.n}`];
    case 'skipped':
      return day.reason === 'holiday'
        ? [`不计：节假日（${day.name ?? ''}）`, `skipped: holiday (${day.name ?? ''})`]
        : ['不计：周末', 'skipped: weekend'];
    case 'paused':
      return [`不计：期限中止（${day.reason}）`, `paused: ${day.reason}`];
  }
}

/** The proof as lines of text, Chinese first, with a closing summary. */
export function formatDeadlineProof(proof: DeadlineProof): string[] {
  const lines: string[] = [];
  for (const day of proof.days) {
    const [zh, en] = describeProofDay(day);
    const marks = proof.marks
      .filter((m) => m.date === day.date)
      .map((m) => `  ◀ ${m.period.zh}（${m.period.article}） / ${m.period.en} (${m.period.articleEn})`)
      .join('');
    lines.push(`${day.date} ${weekdayZh(day.date)} ${zh} / ${weekdayEn(day.date)} ${en}${marks}`);
  }
  const count = (status: ProofDay['status']) => proof.days.filter((d) => d.status === status).length;
  const holidays = proof.days.filter((d) => d.status === 'skipped' && d.reason === 'holiday').length;
  const weekends = count('skipped') - holidays;
  const ext = proof.extensionDays > 0 ? `（含延长 ${proof.extensionDays} 个工作日）` : '';
  const extEn = proof.extensionDays > 0 ? ` (incl. an extension of ${proof.extensionDays})` : '';
  lines.push(
    `计入 ${count('counted')} 个工作日${ext}，不计周末 ${weekends} 天、节假日 ${holidays} 天、中止 ${count('paused')} 个工作日 / ` +
      `${count('counted')} working days counted${extEn}; skipped ${weekends} weekend days, ${holidays} holidays, ${count('paused')} paused working days`,
  );
  if (proof.provisionalYears) {
    const years = proof.provisionalYears.join('、');
    lines.push(`暂定：${years} 年${PROVISIONAL_NOTE.zh}（仅计法定节日，不含调休），公布后以正式安排为准 / provisional: ${proof.provisionalYears.join(', ')}: ${PROVISIONAL_NOTE.en} (statutory days only, no moved days); final once the notice is loaded`);
  }
  if (proof.notCovered) {
    const { year, date } = proof.notCovered;
    lines.push(`计算停止：${date} 属于 ${year} 年，该年节假日安排未载入，不按周一至周五推算 / stopped: ${date} is in ${year}, whose calendar is not loaded; not computed on weekdays alone`);
  }
  return lines;
}
