/**
 * Pages of the case desk (依申请公开办理, staff): the work queue with due-soon / overdue badges, the intake form, and
 * the case page — summary, deadlines, the deadline proof day by day, the timeline, the steps it may take (each a
 * form with a confirm box), review/litigation records and the notices to download. Server-rendered, no script.
 */
import { describeChanges, eventLabel, PLAUSIBLE_DAYS } from '../../core/application/amend.ts';
import type { CaseSummary, CaseView } from '../../app/applications/index.ts';
import { STATE_LABELS, CASE_STATES } from '../../core/application/case.ts';
import { NEXT_LABELS } from '../../core/application/clock.ts';
import { APPROVABLE, type Approval } from '../../core/application/approval.ts';
import { COMMANDS, type CommandKind } from '../../core/application/commands.ts';
import { STEP_FIELDS, type StepField } from '../../core/application/step-fields.ts';
import { REVIEW_GROUPS, REVIEW_GROUP_LABELS, REVIEW_OUTCOME_LABELS } from '../../core/application/review.ts';
import { answerCategory, APPLICANT_TYPE_LABELS, CHANNEL_LABELS, CHANNELS, DELIVERY_ROUTE_LABELS, ID_TYPE_LABELS, INFORMATION_FORM_LABELS } from '../../core/application/terms.ts';
import { weekdayZh } from '../../core/calendar/dates.ts';
import type { DaysLeft } from '../../core/calendar/deadlines.ts';
import { describeProofDay } from '../../core/calendar/proof.ts';
import type { Problem } from '../../core/errors.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { page } from './layout.ts';
import { beijingTime } from '../clock.ts';
import { isProvisional, PROVISIONAL_CSS, provisionalBadge, provisionalNote } from './provisional.ts';

export const CASES_CSS = `
.filters{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:end;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.6rem 1rem;margin:0 0 1rem}
.filters label{display:block;font-weight:600;font-size:.9rem}
.filters select,.filters button{font:inherit;padding:.3rem .5rem}
.due{white-space:nowrap}
.nowrap{white-space:nowrap}
.flag{display:inline-block;padding:0 .45em;border-radius:4px;font-size:.85rem;font-weight:700;margin-left:.3em}
.flag.overdue{background:#ffebe9;color:#a40e26;border:1px solid #ff8182}
.flag.dueSoon{background:#fff8c5;color:#6c4400;border:1px solid #d4a72c}
.case-grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1rem;align-items:start}
@media (max-width:900px){.case-grid{grid-template-columns:minmax(0,1fr)}}
.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.6rem 1rem .8rem;margin:0 0 1rem}
.card h2{font-size:1.1rem;margin:.2rem 0 .6rem}
.card dl{display:grid;grid-template-columns:8.5em minmax(0,1fr);gap:.25rem .8rem;margin:0}
.card dt{color:#57606a}.card dd{margin:0;overflow-wrap:anywhere}
.steps details{border:1px solid #d0d7de;border-radius:6px;margin:.4rem 0;padding:.3rem .8rem;background:#fff}
.steps summary{cursor:pointer;font-weight:600}
.steps .field{margin:.5rem 0}
.steps label{display:block;font-weight:600}
.steps input[type=text],.steps input[type=date],.steps input[type=number],.steps select,.steps textarea{font:inherit;padding:.3rem .45rem;border:1px solid #8c959f;border-radius:4px;max-width:100%}
.steps textarea{width:100%;min-height:4rem}
.confirm{font-weight:normal}
.proof td,.proof th{padding:.25rem .5rem}
.proof tr.counted td:last-child{color:#116329}
.proof tr.skipped td:last-child,.proof tr.paused td:last-child{color:#57606a}
.problems .error{color:#a40e26}
${PROVISIONAL_CSS}
`;

export interface SessionView {
  readonly name: string;
  readonly csrfToken: string;
}

const casePage = (title: string, body: string, session: SessionView) => page({ title, body, css: CASES_CSS, nav: 'cases', session });

export interface QueueRow {
  readonly item: CaseSummary;
  readonly left: DaysLeft | null;
}

export interface QueueFilter {
  readonly organization: string;
  /** '1': only the cases this user registered or took a step on. */
  readonly mine: string;
  readonly state: string;
  readonly due: string;
  readonly order: string;
}

const flag = (left: DaysLeft | null): string => {
  if (!left || !left.ok) return '';
  if (left.status === 'overdue') return '<span class="flag overdue">已超期</span>';
  if (left.status === 'dueSoon') return '<span class="flag dueSoon">即将到期</span>';
  return '';
};

const caseLink = (s: { id: string; number: string }) => `<a href="/applications/${encodeURIComponent(s.id)}">${escapeHtml(s.number)}</a>`;

/** The work queue. */
export function queuePage(input: { rows: readonly QueueRow[]; total: number; totalCapped?: boolean; paged: boolean; next: string | null; filter: QueueFilter; organizations: readonly { id: string; name: string }[]; today: string; canRegister: boolean; session: SessionView; reminder?: { readonly year: number; readonly canLoad: boolean } | null }): string {
  const { filter } = input;
  const opt = (value: string, label: string, current: string) => `<option value="${escapeHtml(value)}"${value === current ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  const rows = input.rows
    .map(({ item, left }) => {
      const due = item.nextDue.kind
        ? `${NEXT_LABELS[item.nextDue.kind].zh}：${item.nextDue.date ?? '日历未载入'}${provisionalBadge(left)}${left?.ok ? `（${left.status === 'overdue' ? '已过' : '剩'} ${Math.abs(left.workingDaysLeft)} 个工作日）` : ''}${flag(left)}`
        : item.resultRow
          ? escapeHtml(answerCategory(item.resultRow)?.zh ?? '')
          : '';
      const desc = item.description.length > 40 ? `${item.description.slice(0, 40)}…` : item.description;
      return `<tr><td class="nowrap">${caseLink(item)}</td><td>${escapeHtml(item.applicantName)}<br><span class="muted">${APPLICANT_TYPE_LABELS[item.applicantType].zh}</span></td><td>${escapeHtml(desc)}</td><td class="nowrap">${item.receivedOn}</td><td>${STATE_LABELS[item.state].zh}</td><td class="due">${due}</td></tr>`;
    })
    .join('\n');
  const anyProvisional = input.rows.some(({ item, left }) => item.nextDue.kind !== null && isProvisional(left));
  // Keyset pages: forward by the opaque cursor of the last row, back to the first page.
  const q = (cursor: string | null) => `?${new URLSearchParams({ ...filter, ...(cursor ? { cursor } : {}) }).toString()}`;
  const pager = [input.paged ? `<a href="/applications${q(null)}">第一页</a>` : '', input.next ? `<a href="/applications${q(input.next)}">下一页</a>` : ''].filter(Boolean).join(' · ');
  return casePage(
    '依申请公开办理',
    `<h1>依申请公开办理</h1>
<p class="lead">今天是 ${input.today}（${weekdayZh(input.today)}）。共 ${input.total}${input.totalCapped ? ' 余' : ''} 件${input.canRegister ? ' · <a href="/applications/new">登记新申请</a>' : ''}</p>
${input.reminder ? `<p class="notice" role="status">${input.reminder.year} 年节假日安排尚未载入：该年的期限暂按《全国年节及纪念日放假办法》计算（标“暂定”）。国务院办公厅通知公布后${input.reminder.canLoad ? '请在<a href="/console/calendar">节假日安排</a>页载入' : '请提醒管理员载入'}。</p>` : ''}
<form class="filters" method="get" action="/applications">
<div><label for="q-org">机关</label><select id="q-org" name="organization">${input.organizations.map((o) => opt(o.id, o.name, filter.organization)).join('')}</select></div>
<div><label for="q-mine">范围</label><select id="q-mine" name="mine">${opt('', '本机关（含下级）', filter.mine)}${opt('1', '我办理的', filter.mine)}</select></div>
<div><label for="q-state">状态</label><select id="q-state" name="state">${opt('open', '在办（全部未办结）', filter.state)}${opt('', '全部', filter.state)}${CASE_STATES.map((s) => opt(s, STATE_LABELS[s].zh, filter.state)).join('')}</select></div>
<div><label for="q-due">期限</label><select id="q-due" name="due">${opt('', '不限', filter.due)}${opt('soon', '5个工作日内到期', filter.due)}${opt('overdue', '已超期', filter.due)}</select></div>
<div><label for="q-order">排序</label><select id="q-order" name="order">${opt('due', '按期限', filter.order)}${opt('received', '按收到日期（新的在前）', filter.order)}</select></div>
<div><button type="submit">筛选</button></div>
</form>
<div class="table-scroll" role="region" aria-label="申请列表" tabindex="0"><table class="list">
<thead><tr><th scope="col">申请编号</th><th scope="col">申请人</th><th scope="col">申请内容</th><th scope="col">收到日期</th><th scope="col">状态</th><th scope="col">当前期限 / 结果</th></tr></thead>
<tbody>${rows || '<tr><td colspan="6">没有符合条件的申请</td></tr>'}</tbody></table></div>
${provisionalNote(anyProvisional)}
${pager ? `<p>${pager}</p>` : ''}`,
    input.session,
  );
}

export const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
export const field = (id: string, label: string, control: string) => `<div class="field"><label for="${id}">${label}</label>${control}</div>`;
const select = (id: string, name: string, options: readonly (readonly [string, string])[], required = true) =>
  `<select id="${id}" name="${name}"${required ? ' required' : ''}><option value="">请选择</option>${options.map(([v, l]) => `<option value="${escapeHtml(v)}">${escapeHtml(l)}</option>`).join('')}</select>`;

/**
 * Who approves an answer or an extension, said on its form: the user themselves (an approver or admin is their own
 * 审核人/批准人), or — for a handler — the approvers, after submission. Nobody types an approver's name.
 */
function approverNote(kind: CommandKind, approver: string | null): string {
  const role = kind === 'extend' ? '批准人（政府信息公开工作机构负责人，条例第三十三条第二款）' : '审核人';
  return approver
    ? `<p class="hint">${role}：${escapeHtml(approver)}（本人）</p>`
    : `<p class="hint">提交后进入审核人的待审核列表；审核人批准后才生效，退回时附退回意见。${role}由批准的审核人账户记录。</p>`;
}

/** One control of a step's form, drawn from its description (core/application/step-fields.ts). */
function stepControl(f: StepField, id: string): string {
  const name = escapeHtml(f.key);
  switch (f.kind) {
    case 'text':
      return f.multiline
        ? `<textarea id="${id}" name="${name}" maxlength="${f.max}"${f.required ? ' required' : ''}></textarea>`
        : `<input type="text" id="${id}" name="${name}" maxlength="${f.max}"${f.required ? ' required' : ''}>`;
    case 'date':
      return `<input type="date" id="${id}" name="${name}" required>`;
    case 'integer':
      return `<input type="number" id="${id}" name="${name}" min="${f.min}" max="${f.max}"${f.initial !== undefined ? ` value="${f.initial}"` : ''} required>`;
    case 'amount':
      return `<input type="text" id="${id}" name="${name}" inputmode="decimal" required>`;
    case 'choice':
      return select(id, f.key, f.options);
  }
}

/** The fields of one step's form (besides date, reason, version, confirm), from STEP_FIELDS. `approver`: the user's name when they approve their own. */
export function stepFields(kind: CommandKind, id: string, approver: string | null): string {
  const fields = STEP_FIELDS[kind].fields
    .filter((f) => !f.fromAccount)
    .map((f) => field(`${id}-${f.key}`, escapeHtml(f.hint ? `${f.label}（${f.hint}）` : f.label), stepControl(f, `${id}-${f.key}`)))
    .join('');
  // A step whose approver comes from an account (延期, 答复) says who approves it.
  return STEP_FIELDS[kind].fields.some((f) => f.fromAccount) ? fields + approverNote(kind, approver) : fields;
}

export interface CasePageInput {
  readonly view: CaseView;
  readonly organization: string;
  readonly personal: boolean;
  readonly applicant: CaseView['case']['applicant'];
  readonly allowed: readonly CommandKind[];
  readonly csrfToken: string;
  /** The user's name when they are their own approver (approver, admin); null for a handler, whose answer and extension are proposed. */
  readonly approver: string | null;
  /** The case's proposal waiting for approval, and the last one returned (shown to the proposer with its comment). */
  readonly approvals: { readonly pending: Approval | null; readonly returned: Approval | null; readonly canDecide: boolean };
  readonly notices: readonly { href: string; label: string }[];
  /** Trusted HTML: the section of messages sent to the applicant (views/notifications.ts), when notifications are on. */
  readonly messages?: string;
  /** Trusted HTML: the catalog's sections (routes/catalog/case-links.ts: documents already published, 条例第四十四条). */
  readonly catalog?: string;
  readonly canReview: boolean;
  /** 更正 and 作废 (approvers and admins). */
  readonly canCorrect?: boolean;
  readonly canVoid?: boolean;
  readonly problems?: readonly Problem[];
  readonly session: SessionView;
}

/** The proposal fields as a reader sees them (答复类型, 答复内容, 延长天数…). */
function proposalLines(a: Approval): string {
  const i = a.input;
  const lines: [string, string | undefined][] = [
    ['办理日期', i.on],
    ['答复类型', i.category ? (answerCategory(i.category)?.zh ?? i.category) : undefined],
    ['答复内容', i.text],
    ['延长的工作日数', i.days],
    ['理由或说明', i.reason],
  ];
  return `<dl>${lines.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v ?? '')}</dd>`).join('')}</dl>`;
}

/** The proposal waiting for approval (with approve / return for an approver), or the last one returned. */
function approvalBox(caseId: string, approvals: CasePageInput['approvals'], csrfToken: string): string {
  const { pending, returned, canDecide } = approvals;
  if (pending) {
    const forms = canDecide
      ? `<form method="post" action="/approvals/${encodeURIComponent(pending.id)}/approve">${hidden('_csrf', csrfToken)}${hidden('case', caseId)}
${field(`ap-${pending.id}-note`, '审核意见（可选）', `<textarea id="ap-${pending.id}-note" name="comment"></textarea>`)}
<button class="primary" type="submit">批准：${COMMANDS[pending.kind].zh}</button></form>
<form method="post" action="/approvals/${encodeURIComponent(pending.id)}/return">${hidden('_csrf', csrfToken)}${hidden('case', caseId)}
${field(`rt-${pending.id}-note`, '退回意见（必填）', `<textarea id="rt-${pending.id}-note" name="comment" required></textarea>`)}
<button type="submit">退回</button></form>`
      : '<p class="hint">等待审核人审核；审核前不生效，答复期限照常计算。</p>';
    return `<section class="card approval" aria-labelledby="approval-h"><h2 id="approval-h">待审核：${COMMANDS[pending.kind].zh}</h2>
<p>${escapeHtml(pending.proposedBy.name)} 于 ${escapeHtml(beijingTime(pending.proposedAt))} 提交。</p>${proposalLines(pending)}${forms}</section>`;
  }
  if (returned) {
    return `<section class="card approval" aria-labelledby="approval-h"><h2 id="approval-h">已退回：${COMMANDS[returned.kind].zh}</h2>
<p>${escapeHtml(returned.decidedBy?.name ?? '')} 于 ${escapeHtml(beijingTime(returned.decidedAt ?? ''))} 退回：<strong>${escapeHtml(returned.comment ?? '')}</strong></p>${proposalLines(returned)}</section>`;
  }
  return '';
}

/** The approvers' queue (GET /approvals): what waits, oldest first, each approvable here or on its case page. */
export function approvalsPage(input: { pending: readonly Approval[]; userId: string; csrfToken: string; session: SessionView }): string {
  const rows = input.pending
    .map((a) => {
      const own = a.proposedBy.id === input.userId;
      const summary = a.kind === 'answer' ? `${answerCategory(a.input.category ?? '')?.zh ?? ''}：${(a.input.text ?? '').slice(0, 60)}` : `延长 ${a.input.days ?? ''} 个工作日：${a.input.reason ?? ''}`;
      const actions = own
        ? '<span class="muted">本人提交，由其他审核人审核</span>'
        : `<form method="post" action="/approvals/${encodeURIComponent(a.id)}/approve">${hidden('_csrf', input.csrfToken)}${hidden('back', 'queue')}<button class="primary" type="submit">批准</button></form> <a href="/applications/${encodeURIComponent(a.caseId)}#approval-h">查看或退回</a>`;
      return `<tr><td class="nowrap"><a href="/applications/${encodeURIComponent(a.caseId)}">${escapeHtml(a.caseNumber)}</a></td><td>${COMMANDS[a.kind].zh}</td><td>${escapeHtml(summary)}</td><td>${escapeHtml(a.proposedBy.name)}</td><td class="nowrap">${escapeHtml(beijingTime(a.proposedAt))}</td><td>${actions}</td></tr>`;
    })
    .join('\n');
  return page({
    title: '待审核',
    css: CASES_CSS,
    nav: 'approvals',
    session: input.session,
    body: `<h1>待审核 <span class="muted">${input.pending.length} 件</span></h1>
<p class="lead">办理人提交的答复和延期（条例第三十三条第二款：延期须经政府信息公开工作机构负责人同意）在此等待审核；批准后即生效并记录审核人，退回须写明意见。答复期限在审核期间照常计算。</p>
<div class="table-scroll" role="region" aria-label="待审核列表" tabindex="0"><table class="list"><thead><tr><th scope="col">申请编号</th><th scope="col">步骤</th><th scope="col">内容</th><th scope="col">提交人</th><th scope="col">提交时间</th><th scope="col">审核</th></tr></thead>
<tbody>${rows || '<tr><td colspan="6">没有待审核的事项。</td></tr>'}</tbody></table></div>`,
  });
}

/** 已作废: who voided the case, when and why (the case stays readable; its 申请编号 is not reused). */
function voidBanner(view: CaseView): string {
  if (view.case.state !== 'voided') return '';
  const e = view.events.filter((x) => x.kind === 'void').at(-1);
  return `<div class="problems" role="status"><h2>已作废</h2><p>本申请已于 ${escapeHtml(e?.on ?? '')} 由 ${escapeHtml(e?.actor ?? '')} 作废，理由：${escapeHtml(e?.reason ?? '')}。已作废的申请不再办理，不计入待办列表和年度报告表三、表四；申请编号不再使用。</p></div>`;
}

/** 更正登记内容 and 作废 (approvers and admins), each with a required reason. */
function amendForms(input: CasePageInput, oldDate: boolean): string {
  const c = input.view.case;
  if (c.state === 'voided' || (!input.canCorrect && !input.canVoid)) return '';
  const text = (id: string, label: string, name: string, value: string | null | undefined) => field(id, label, `<input type="text" id="${id}" name="${name}" value="${escapeHtml(value ?? '')}">`);
  const a = c.applicant;
  const correctForm = input.canCorrect
    ? `<details${oldDate ? ' open' : ''}><summary>更正登记内容</summary><form method="post" action="/applications/${encodeURIComponent(c.id)}/correct">
${hidden('_csrf', input.csrfToken)}${hidden('version', String(c.version))}
<p class="hint">只用于纠正登记时的录入错误（如签收日期、姓名录错）；申请人补正的内容按“收到补正材料”办理。更正后按新的登记内容重新核验已办步骤并重算期限，原登记内容保留在办理记录中。</p>
${field('cr-channel', '申请方式', `<select id="cr-channel" name="channel">${CHANNELS.map((ch) => `<option value="${ch}"${ch === c.channel ? ' selected' : ''}>${CHANNEL_LABELS[ch].zh}</option>`).join('')}</select>`)}
${field('cr-received', '收到申请之日', `<input type="date" id="cr-received" name="receivedOn" value="${c.receivedOn}">`)}
${input.personal ? `${text('cr-name', '申请人姓名或名称', 'applicant.name', a.name)}${text('cr-id', '证件号码', 'applicant.idNumber', a.idNumber)}${text('cr-phone', '联系电话', 'applicant.phone', a.phone)}${text('cr-address', '通信地址', 'applicant.address', a.address)}` : ''}
${field('cr-desc', '所需政府信息的描述', `<textarea id="cr-desc" name="request.description">${escapeHtml(c.request.description)}</textarea>`)}
${field('cr-reason', '更正理由（必填）', '<textarea id="cr-reason" name="reason" required></textarea>')}
<p><label class="confirm"><input type="checkbox" name="confirmDate" value="true"> 确认日期无误（收到申请之日早于今天 ${PLAUSIBLE_DAYS} 天以上时须勾选）</label></p>
<button class="primary" type="submit">更正</button></form></details>`
    : '';
  const voidForm = input.canVoid
    ? `<details><summary>作废（误登记、重复登记、测试数据）</summary><form method="post" action="/applications/${encodeURIComponent(c.id)}/void">
${hidden('_csrf', input.csrfToken)}${hidden('version', String(c.version))}
<p class="hint">作废后不再办理，不计入待办列表和年度报告表三、表四；申请编号不再使用，办理记录保留。</p>
${field('vo-reason', '作废理由（必填）', '<textarea id="vo-reason" name="reason" required></textarea>')}
<p><label class="confirm"><input type="checkbox" name="confirm" value="1" required> 确认作废申请 ${escapeHtml(c.number)}</label></p>
<button type="submit">作废</button></form></details>`
    : '';
  return `<section class="card steps"><h2>更正、作废</h2>${correctForm}${voidForm}</section>`;
}

/** The case page. */
export function caseDetailPage(input: CasePageInput): string {
  const { view } = input;
  const c = view.case;
  const a = input.applicant;
  const clock = view.clock;
  const answer = clock.answer?.ok ? clock.answer : null;
  const row = (label: string, value: string | null | undefined) => (value ? `<dt>${label}</dt><dd>${escapeHtml(value)}</dd>` : '');
  /** A row whose value is HTML already (only dates, numbers and our own badges). */
  const rowHtml = (label: string, html: string) => `<dt>${label}</dt><dd>${html}</dd>`;
  const next = clock.next;
  const nextLine = next
    ? `${NEXT_LABELS[next.kind].zh}：${next.due.ok ? `${next.due.date}${provisionalBadge(next.due)}` : `需要 ${next.due.year} 年日历（未载入）`}${next.left?.ok ? `，${next.left.status === 'overdue' ? '已超期' : '剩余'} ${Math.abs(next.left.workingDaysLeft)} 个工作日` : ''} ${flag(next.left)}`
    : '已办结';
  const problems = input.problems && input.problems.length > 0 ? `<div class="problems" role="alert"><h2>未能办理</h2><ul>${input.problems.map((p) => `<li class="error">${escapeHtml(p.messageZh)}<br><span class="en">${escapeHtml(p.message)} (${p.code})</span></li>`).join('')}</ul></div>` : '';
  const oldDate = (input.problems ?? []).some((p) => p.code === 'application.oldDate');
  const steps = input.allowed
    .map((kind) => {
      const id = `step-${kind}`;
      return `<details><summary>${COMMANDS[kind].zh}</summary><form method="post" action="/applications/${encodeURIComponent(c.id)}/steps/${kind}">
${hidden('_csrf', input.csrfToken)}${hidden('version', String(c.version))}
${field(`${id}-on`, '办理日期', `<input type="date" id="${id}-on" name="on" value="${view.today}" required>`)}
${stepFields(kind, id, input.approver)}
${((why) => field(`${id}-reason`, why !== undefined ? `${why}（必填）` : '理由或说明', `<textarea id="${id}-reason" name="reason"${why !== undefined ? ' required' : ''}></textarea>`))(STEP_FIELDS[kind].reasonRequired)}
${oldDate ? `<p><label class="confirm"><input type="checkbox" name="confirmDate" value="true"> 确认日期无误（办理日期早于今天 ${PLAUSIBLE_DAYS} 天以上）</label></p>` : ''}
<p><label class="confirm"><input type="checkbox" name="confirm" value="1" required> 确认办理“${COMMANDS[kind].zh}”</label></p>
<button class="primary" type="submit">${input.approver === null && (APPROVABLE as readonly string[]).includes(kind) ? `提交审核：${COMMANDS[kind].zh}` : COMMANDS[kind].zh}</button></form></details>`;
    })
    .join('\n');
  const proofRows = (answer?.proof.days ?? [])
    .map((d) => {
      const marks = answer?.proof.marks.filter((m) => m.date === d.date).map((m) => `${m.period.zh}（${m.period.article}）`).join('；') ?? '';
      return `<tr class="${d.status}"><td class="nowrap">${d.date}</td><td class="nowrap">${weekdayZh(d.date)}</td><td>${escapeHtml(describeProofDay(d)[0])}${marks ? ` <strong>◀ ${escapeHtml(marks)}</strong>` : ''}</td></tr>`;
    })
    .join('\n');
  const timeline = view.events
    .map((e) => `<tr><td class="nowrap">${e.on}</td><td>${eventLabel(e.kind)}${e.kind === 'correct' ? `：${escapeHtml(describeChanges(e, input.personal))}` : ''}</td><td>${e.from ? `${STATE_LABELS[e.from].zh} → ` : ''}${STATE_LABELS[e.to].zh}</td><td>${escapeHtml(e.actor)}</td><td>${e.kind === 'correct' || e.kind === 'void' ? '理由：' : ''}${escapeHtml(e.reason ?? '')}</td><td class="muted">${escapeHtml(beijingTime(e.recordedAt))}</td></tr>`)
    .join('\n');
  const reviews = view.reviews
    .map((r) => `<li>${REVIEW_GROUP_LABELS[r.group].zh}：${escapeHtml(r.body)}${r.reference ? `，${escapeHtml(r.reference)}` : ''}，${r.filedOn} 受理，${REVIEW_OUTCOME_LABELS[r.outcome ?? 'pending'].zh}${r.decidedOn ? `（${r.decidedOn}）` : ''}${
      r.decidedOn === null && input.canReview
        ? `<form method="post" action="/reviews/${encodeURIComponent(r.id)}/decision">${hidden('_csrf', input.csrfToken)}${hidden('case', c.id)}<label for="d-${r.id}-on">审结日期</label> <input type="date" id="d-${r.id}-on" name="decidedOn" value="${view.today}" required> <label for="d-${r.id}-o">结果</label> ${select(`d-${r.id}-o`, 'outcome', [['upheld', '维持'], ['corrected', '纠正'], ['other', '其他']])} <button type="submit">登记结果</button></form>`
        : ''
    }</li>`)
    .join('');
  const reviewForm =
    c.closedOn && input.canReview
      ? `<details><summary>登记行政复议或行政诉讼</summary><form method="post" action="/applications/${encodeURIComponent(c.id)}/reviews">${hidden('_csrf', input.csrfToken)}
${field('r-group', '类型', select('r-group', 'group', REVIEW_GROUPS.map((g) => [g, REVIEW_GROUP_LABELS[g].zh] as const)))}
${field('r-body', '复议机关或人民法院', '<input type="text" id="r-body" name="body" required>')}
${field('r-ref', '案号', '<input type="text" id="r-ref" name="reference">')}
${field('r-filed', '受理日期', `<input type="date" id="r-filed" name="filedOn" value="${view.today}" required>`)}
<button type="submit">登记</button></form></details>`
      : '';
  return casePage(
    `申请 ${c.number}`,
    `<p><a href="/applications">← 办理列表</a></p>
<h1>申请 ${escapeHtml(c.number)} <span class="muted">${STATE_LABELS[c.state].zh}</span></h1>
${voidBanner(view)}
<p class="lead">${escapeHtml(input.organization)} · ${nextLine}</p>
${problems}
<div class="case-grid"><div>
<section class="card"><h2>申请人${input.personal ? '' : '（个人信息已隐去）'}</h2><dl>
${row('类型', APPLICANT_TYPE_LABELS[a.type].zh)}${row('姓名或名称', a.name)}${row('证件', `${ID_TYPE_LABELS[a.idType]} ${a.idNumber}`)}${row('联系人', a.contactPerson)}${row('电话', a.phone)}${row('电子邮箱', a.email)}${row('传真', a.fax)}${row('通信地址', a.address)}
</dl></section>
<section class="card"><h2>申请内容</h2><dl>
${row('所需信息', c.request.description)}${row('文号', c.request.documentNumber)}${row('获取形式', INFORMATION_FORM_LABELS[c.request.form])}${row('获取途径', DELIVERY_ROUTE_LABELS[c.request.delivery])}
${row('申请方式', CHANNEL_LABELS[c.channel].zh)}${row('收到申请之日', `${c.receivedOn}（${CHANNEL_LABELS[c.channel].receiptRule}）`)}
${c.correction ? row('补正', `${c.correction.requestedOn} 告知：${c.correction.items}；期限 ${c.correction.replyBy}${c.correction.receivedOn ? `；${c.correction.receivedOn} 收到补正，答复期限自该日起算` : ''}`) : ''}
${c.answer ? row('答复', `${c.answer.on}：${answerCategory(c.answer.category)?.zh ?? c.answer.category}。${c.answer.text}${c.answer.approvedBy ? `（审核人：${c.answer.approvedBy}）` : ''}`) : ''}
${c.extension ? row('延长答复期限', `${c.extension.on}：延长 ${c.extension.days} 个工作日（批准人：${c.extension.approvedBy}）`) : ''}
</dl></section>
<section class="card"><h2>期限</h2><dl>
${clock.correctionNoticeDue.ok ? rowHtml('补正告知期限', `${clock.correctionNoticeDue.date}${provisionalBadge(clock.correctionNoticeDue)}（收到申请后7个工作日，条例第三十条）`) : row('补正告知期限', '日历未载入')}
${answer && answer.answerDue.ok ? rowHtml('答复期限', `${answer.answerDue.date}${provisionalBadge(answer.answerDue)}（20个工作日${c.extension ? ` + 延长 ${c.extension.days}` : ''}${answer.pausedWorkingDays.ok && answer.pausedWorkingDays.days > 0 ? `，中止 ${answer.pausedWorkingDays.days} 个工作日不计` : ''}）`) : ''}
${clock.answeredLate === true ? row('逾期', '答复晚于答复期限') : ''}
</dl>${provisionalNote([clock.correctionNoticeDue, answer?.answerDue, next?.due].some(isProvisional))}</section>
${input.catalog ?? ''}
${approvalBox(c.id, input.approvals, input.csrfToken)}
<section class="card steps"><h2>办理</h2>${steps || '<p>当前没有可办理的步骤。</p>'}</section>
${amendForms(input, oldDate)}
<section class="card"><h2>通知书</h2>${input.notices.length > 0 ? `<ul>${input.notices.map((n) => `<li><a href="${n.href}">${escapeHtml(n.label)}</a></li>`).join('')}</ul>` : '<p>暂无可下载的通知书。</p>'}</section>${input.messages ?? ''}
<section class="card"><h2>行政复议、行政诉讼</h2>${reviews ? `<ul>${reviews}</ul>` : '<p>无。</p>'}${reviewForm}</section>
</div><div>
<section class="card"><h2>办理记录</h2><div class="table-scroll" role="region" aria-label="办理记录" tabindex="0"><table class="list"><thead><tr><th scope="col">日期</th><th scope="col">步骤</th><th scope="col">状态</th><th scope="col">经办人</th><th scope="col">理由</th><th scope="col">记录时间</th></tr></thead><tbody>${timeline}</tbody></table></div></section>
<section class="card"><h2>期限计算明细</h2>${answer ? `<div class="table-scroll" role="region" aria-label="期限计算明细" tabindex="0"><table class="list proof"><thead><tr><th scope="col">日期</th><th scope="col">星期</th><th scope="col">计算</th></tr></thead><tbody>${proofRows}</tbody></table></div>` : '<p>待补正期间答复期限暂停计算；收到补正后自该日重新起算。</p>'}</section>
</div></div>`,
    input.session,
  );
}

/** The intake form (staff register an application received by post, in person, by fax…). */
export function newCasePage(input: { organizations: readonly { id: string; name: string }[]; values: Readonly<Record<string, string>>; problems: readonly Problem[]; today: string; applyFields: (values: Readonly<Record<string, string>>, problems: readonly Problem[]) => string; session: SessionView; found?: string | undefined }): string {
  const v = input.values;
  const mine = (at: string) => input.problems.filter((p) => p.at === at).map((p) => `<span class="error" style="color:#a40e26;font-weight:600;display:block">${escapeHtml(p.messageZh)}</span>`).join('');
  return casePage(
    '登记申请',
    `<h1>登记政府信息公开申请</h1>
<p class="lead">当面、邮寄、传真等渠道收到的申请在此登记；收到申请之日按条例第三十一条确定。</p>
${input.problems.length > 0 ? `<div class="problems" role="alert"><h2>未登记：有 ${input.problems.length} 处需要修改</h2></div>` : ''}
<form class="form" method="post" action="/applications/new">
${hidden('_csrf', input.session.csrfToken)}
<fieldset><legend>受理</legend>
<div class="field"><label for="n-org">受理机关</label><select id="n-org" name="organizationId" required>${input.organizations.map((o) => `<option value="${escapeHtml(o.id)}"${o.id === v.organizationId ? ' selected' : ''}>${escapeHtml(o.name)}</option>`).join('')}</select>${mine('organizationId')}</div>
<div class="field"><label for="n-channel">申请方式</label><select id="n-channel" name="channel" required><option value="">请选择</option>${CHANNELS.map((ch) => `<option value="${ch}"${ch === v.channel ? ' selected' : ''}>${CHANNEL_LABELS[ch].zh}：${escapeHtml(CHANNEL_LABELS[ch].receiptRule)}</option>`).join('')}</select>${mine('channel')}</div>
<div class="field"><label for="n-received">收到申请之日</label><input type="date" id="n-received" name="receivedOn" value="${escapeHtml(v.receivedOn ?? input.today)}" required>${mine('receivedOn')}${
  input.problems.some((p) => p.code === 'application.oldDate') || v.confirmDate
    ? `<label class="confirm"><input type="checkbox" name="confirmDate" value="true"${v.confirmDate ? ' checked' : ''}> 确认日期无误（收到申请之日早于今天 ${PLAUSIBLE_DAYS} 天以上，将记入审计日志）</label>`
    : ''
}</div>
</fieldset>
${input.applyFields(v, input.problems)}
${input.found === undefined ? '' : `<div class="steps"><p><button type="submit" name="lookup" value="1" formnovalidate>查找已公开的相关文件</button></p>${input.found}</div>`}
<button class="primary" type="submit">登记</button>
</form>`,
    input.session,
  );
}
