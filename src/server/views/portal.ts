/**
 * Pages of the public portal (公众门户, no login): the organisations, an organisation's 政府信息公开指南, the online
 * application form with exactly the fields of 条例第二十九条 (kept on error, each message beside its field), the
 * confirmation with the 申请编号 and the private 查询码, and the tracking page. No applicant personal data is shown
 * beyond what the applicant typed on the page in front of them.
 */
import { OPEN_STATES, STATE_LABELS, type Case } from '../../core/application/case.ts';
import { NEXT_LABELS, type CaseClock } from '../../core/application/clock.ts';
import { availableNotices, NOTICE_TITLES } from '../../core/application/notices.ts';
import { answerCategory, APPLICANT_TYPES, APPLICANT_TYPE_LABELS, DELIVERY_ROUTES, DELIVERY_ROUTE_LABELS, ID_TYPES, ID_TYPE_LABELS, INFORMATION_FORMS, INFORMATION_FORM_LABELS } from '../../core/application/terms.ts';
import { ANSWER, type Provisional } from '../../core/calendar/deadlines.ts';
import type { Problem } from '../../core/errors.ts';
import { GUIDE_STATUTE, type Guide } from '../../core/portal/guide.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { page } from './layout.ts';
import { provisionalWords } from './provisional.ts';

const PORTAL_CSS = `
.guide dl{display:grid;grid-template-columns:10em minmax(0,1fr);gap:.3rem 1rem;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:1rem 1.2rem;max-width:52rem}
.guide dt{font-weight:600}.guide dd{margin:0}
.guide ol{max-width:52rem}
.actions{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.actions a{display:inline-block;padding:.5rem 1.2rem;border-radius:6px;background:#9e1b1b;color:#fff;text-decoration:none;font-weight:600}
.actions a.secondary{background:#fff;color:#0b5cad;border:1px solid #0b5cad}
.field .error{display:block;color:#a40e26;font-weight:600}
.form textarea{font:inherit;width:100%;min-height:6rem;padding:.4rem .5rem;border:1px solid #8c959f;border-radius:4px}
.receipt{background:#fff;border:2px solid #116329;border-radius:6px;padding:1rem 1.5rem;max-width:40rem}
.receipt .code{font-size:1.5rem;font-weight:700;letter-spacing:.1em;font-family:monospace}
.status dl{display:grid;grid-template-columns:9em minmax(0,1fr);gap:.3rem 1rem;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:1rem 1.2rem;max-width:40rem}
@media (max-width:600px){.guide dl,.status dl{grid-template-columns:minmax(0,1fr)}}
`;

const portalPage = (title: string, body: string) => page({ title, body, css: PORTAL_CSS, nav: 'portal' });

/** The organisations that take applications. */
export function portalHomePage(orgs: readonly { id: string; name: string; depth: number }[]): string {
  const items = orgs.map((o) => `<li style="margin-left:${o.depth * 1.5}em"><a href="/portal/${encodeURIComponent(o.id)}">${escapeHtml(o.name)}</a></li>`).join('\n');
  return portalPage(
    '政府信息公开',
    `<h1>政府信息公开 申请与查询</h1>
<p class="lead">请选择受理机关，查看其政府信息公开指南并在线提交申请。已经提交的，可以<a href="/portal/track">查询办理进度</a>。</p>
<nav aria-label="受理机关"><ul>${items}</ul></nav>`,
  );
}

/** An organisation's guide (指南) with links to apply and to track. */
export function guidePage(orgId: string, organization: string, guide: Guide): string {
  const row = (label: string, value: string | null) => (value ? `<dt>${label}</dt><dd>${escapeHtml(value)}</dd>` : '');
  return portalPage(
    `${organization}政府信息公开指南`,
    `<article class="guide">
<h1>${escapeHtml(organization)}政府信息公开指南</h1>
<h2>受理机构</h2>
<dl>${row('受理机构', guide.office)}${row('办公地址', guide.address)}${row('邮政编码', guide.postcode)}${row('办公时间', guide.hours)}${row('咨询电话', guide.phone)}${row('传真', guide.fax)}${row('电子邮箱', guide.email)}</dl>
<h2>申请与答复</h2>
<ol>
<li>${escapeHtml(GUIDE_STATUTE.channels)}</li>
<li>${escapeHtml(GUIDE_STATUTE.contents)}</li>
<li>${escapeHtml(GUIDE_STATUTE.correction)}</li>
<li>${escapeHtml(GUIDE_STATUTE.answer)}</li>
<li>${escapeHtml(GUIDE_STATUTE.fees)}</li>
</ol>
${guide.notes ? `<h2>其他说明</h2><p>${escapeHtml(guide.notes).replace(/\n/g, '<br>')}</p>` : ''}
<div class="actions"><a href="/portal/${encodeURIComponent(orgId)}/apply">在线提交申请</a><a class="secondary" href="/portal/track">查询办理进度</a></div>
</article>`,
  );
}

type FieldDef = { name: string; label: string; hint?: string; kind: 'text' | 'textarea' | 'select'; options?: readonly (readonly [string, string])[]; required: boolean; autocomplete?: string };

/** The fields of 条例第二十九条第二款, in its order. */
export const APPLY_FIELDS: readonly { legend: string; hint: string; fields: readonly FieldDef[] }[] = [
  {
    legend: '申请人信息',
    hint: '条例第二十九条第二款第一项：申请人的姓名或者名称、身份证明、联系方式。',
    fields: [
      { name: 'applicant.type', label: '申请人类型', kind: 'select', options: APPLICANT_TYPES.map((t) => [t, t === 'natural' ? '自然人' : `法人或其他组织：${APPLICANT_TYPE_LABELS[t].zh}`] as const), required: true },
      { name: 'applicant.name', label: '姓名或者名称', kind: 'text', required: true, autocomplete: 'name' },
      { name: 'applicant.idType', label: '身份证明（证件类型）', kind: 'select', options: ID_TYPES.map((t) => [t, ID_TYPE_LABELS[t]] as const), required: true },
      { name: 'applicant.idNumber', label: '证件号码', kind: 'text', required: true },
      { name: 'applicant.contactPerson', label: '联系人（法人或其他组织填写）', kind: 'text', required: false },
      { name: 'applicant.phone', label: '联系电话', kind: 'text', required: false, autocomplete: 'tel', hint: '联系电话、电子邮箱、通信地址至少填写一项' },
      { name: 'applicant.email', label: '电子邮箱', kind: 'text', required: false, autocomplete: 'email', hint: '选择电子邮件获取的，必须填写' },
      { name: 'applicant.address', label: '通信地址', kind: 'text', required: false, autocomplete: 'street-address', hint: '选择邮寄的，必须填写' },
      { name: 'applicant.postcode', label: '邮政编码', kind: 'text', required: false, autocomplete: 'postal-code' },
      { name: 'applicant.fax', label: '传真号码', kind: 'text', required: false, hint: '选择传真获取的，必须填写' },
    ],
  },
  {
    legend: '所需政府信息',
    hint: '条例第二十九条第二款第二项：申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述。',
    fields: [
      { name: 'request.description', label: '所需政府信息的名称或者特征性描述', kind: 'textarea', required: true },
      { name: 'request.documentNumber', label: '文号（如知道）', kind: 'text', required: false },
    ],
  },
  {
    legend: '获取信息的形式和途径',
    hint: '条例第二十九条第二款第三项：申请公开的政府信息的形式要求，包括获取信息的方式、途径。',
    fields: [
      { name: 'request.form', label: '获取信息的形式', kind: 'select', options: INFORMATION_FORMS.map((f) => [f, INFORMATION_FORM_LABELS[f]] as const), required: true },
      { name: 'request.delivery', label: '获取信息的途径', kind: 'select', options: DELIVERY_ROUTES.filter((d) => d !== 'online').map((d) => [d, DELIVERY_ROUTE_LABELS[d]] as const), required: true },
    ],
  },
];

const fieldId = (name: string) => `f-${name.replace(/\./g, '-')}`;

function renderField(f: FieldDef, values: Readonly<Record<string, string>>, problems: readonly Problem[]): string {
  const id = fieldId(f.name);
  const mine = problems.filter((p) => p.at === f.name);
  const invalid = mine.length > 0 ? ' aria-invalid="true"' : '';
  const described = [f.hint ? `${id}-hint` : '', mine.length > 0 ? `${id}-error` : ''].filter(Boolean).join(' ');
  const aria = `${invalid}${described ? ` aria-describedby="${described}"` : ''}${f.required ? ' required' : ''}`;
  const v = values[f.name] ?? '';
  const control =
    f.kind === 'select'
      ? `<select id="${id}" name="${f.name}"${aria}><option value="">请选择</option>${(f.options ?? []).map(([k, label]) => `<option value="${k}"${k === v ? ' selected' : ''}>${escapeHtml(label)}</option>`).join('')}</select>`
      : f.kind === 'textarea'
        ? `<textarea id="${id}" name="${f.name}"${aria}>${escapeHtml(v)}</textarea>`
        : `<input type="text" id="${id}" name="${f.name}" value="${escapeHtml(v)}"${f.autocomplete ? ` autocomplete="${f.autocomplete}"` : ''}${aria}>`;
  return `<div class="field"><label for="${id}">${escapeHtml(f.label)}${f.required ? ' <span aria-hidden="true">*</span>' : ''}</label>${f.hint ? `<span class="hint" id="${id}-hint">${escapeHtml(f.hint)}</span>` : ''}${control}${mine.map((p) => `<span class="error" id="${id}-error">${escapeHtml(p.messageZh)}</span>`).join('')}</div>`;
}

/** Problems not tied to a field of the form (e.g. rate limiting), listed above it. */
function generalProblems(problems: readonly Problem[]): string {
  const names = new Set(APPLY_FIELDS.flatMap((g) => g.fields.map((f) => f.name)));
  const general = problems.filter((p) => !names.has(p.at));
  const count = problems.length;
  if (count === 0) return '';
  return `<div class="problems" role="alert"><h2>申请未能提交：有 ${count} 处需要修改</h2>${general.length > 0 ? `<ul>${general.map((p) => `<li>${escapeHtml(p.messageZh)}</li>`).join('')}</ul>` : '<p>请按各项下方的提示修改后重新提交，已填写的内容已保留。</p>'}</div>`;
}

/** The fieldsets of 条例第二十九条 (applicant, information, form and route), with values and located problems. */
export function applicationFieldsets(values: Readonly<Record<string, string>>, problems: readonly Problem[]): string {
  return APPLY_FIELDS.map((g) => `<fieldset><legend>${g.legend}</legend><p class="hint">${escapeHtml(g.hint)}</p>${g.fields.map((f) => renderField(f, values, problems)).join('\n')}</fieldset>`).join('\n');
}

/** The online application form (again with the problems and the values kept). */
export function applyPage(orgId: string, organization: string, values: Readonly<Record<string, string>> = {}, problems: readonly Problem[] = []): string {
  const groups = applicationFieldsets(values, problems);
  return portalPage(
    `向${organization}申请政府信息公开`,
    `<h1>向${escapeHtml(organization)}申请政府信息公开</h1>
<p class="lead">带 * 的为必填项。提交成功之日即为收到申请之日（条例第三十一条）。请如实填写，本机关依法保护您的个人信息。</p>
${generalProblems(problems)}
<form class="form" method="post" action="/portal/${encodeURIComponent(orgId)}/apply" novalidate>
${groups}
<button class="primary" type="submit">提交申请</button>
</form>`,
  );
}

/** After a successful submission: the 申请编号 and the 查询码, shown this once. */
export function submittedPage(c: Case, organization: string, trackingCode: string, answerDue: ({ readonly date: string } & Provisional) | null, resubmitted = false): string {
  return portalPage(
    '申请已提交',
    `<h1>申请已提交</h1>
<div class="receipt" role="status">
${resubmitted ? '<p><strong>同一申请刚刚已经提交，没有重复登记。</strong>查询码已重新生成，以本页显示的为准（此前显示的查询码不再有效）。</p>' : ''}
<p>${escapeHtml(organization)}已于 ${escapeHtml(c.receivedOn)} 收到您的政府信息公开申请。</p>
<p>申请编号：<span class="code">${escapeHtml(c.number)}</span></p>
<p>查询码：<span class="code">${escapeHtml(trackingCode)}</span></p>
<p><strong>请记下申请编号和查询码。</strong>查询码只在此显示一次，凭二者可以<a href="/portal/track">查询办理进度</a>和下载给您的告知书。</p>
${answerDue ? `<p>答复期限：${escapeHtml(answerDue.date)}${escapeHtml(provisionalWords(answerDue))}（自收到申请之日起${ANSWER.workingDays}个工作日，条例第三十三条；如需补正、征求意见或延期，将另行告知）。</p>` : ''}
</div>`,
  );
}

/** The tracking form (POST, so the code never appears in an address or a log). */
export function trackPage(values: { number?: string } = {}, problems: readonly Problem[] = []): string {
  return portalPage(
    '查询办理进度',
    `<h1>查询办理进度</h1>
${problems.length > 0 ? `<div class="problems" role="alert"><ul>${problems.map((p) => `<li>${escapeHtml(p.messageZh)}</li>`).join('')}</ul></div>` : ''}
<form class="form" method="post" action="/portal/track">
<div class="field"><label for="t-number">申请编号</label><input type="text" id="t-number" name="number" value="${escapeHtml(values.number ?? '')}" required></div>
<div class="field"><label for="t-code">查询码</label><input type="text" id="t-code" name="code" autocomplete="off" required></div>
<button class="primary" type="submit">查询</button>
</form>`,
  );
}

/** What the applicant may see of their case: state, dates and the deadline running now. */
export function trackedPage(c: Case, organization: string, clock: CaseClock, again: { number: string; code: string }, problems: readonly Problem[] = [], done: string | null = null): string {
  const hiddenAgain = `<input type="hidden" name="number" value="${escapeHtml(again.number)}"><input type="hidden" name="code" value="${escapeHtml(again.code)}">`;
  const correctForm =
    c.state === 'awaitingCorrection'
      ? `<section aria-labelledby="correct-h"><h2 id="correct-h">提交补正</h2><p>本机关已告知需要补正：${escapeHtml(c.correction?.items ?? '')}（补正期限 ${escapeHtml(c.correction?.replyBy ?? '')}）。可在此直接提交补正内容；逾期未补正的，视为放弃申请（条例第三十条）。</p>
<form method="post" action="/portal/track/correct">${hiddenAgain}<div class="field"><label for="t-correct">补正内容</label><textarea id="t-correct" name="text" maxlength="980" required></textarea></div><button class="primary" type="submit">提交补正</button></form></section>`
      : '';
  const withdrawForm = OPEN_STATES.includes(c.state)
    ? `<details><summary>撤回申请</summary><form method="post" action="/portal/track/withdraw">${hiddenAgain}<div class="field"><label for="t-withdraw">撤回原因（可不填）</label><textarea id="t-withdraw" name="text" maxlength="980"></textarea></div><p><label><input type="checkbox" name="confirm" value="1" required> 确认撤回本申请（撤回后本机关不再办理）</label></p><button type="submit">撤回申请</button></form></details>`
    : '';
  const next = clock.next;
  const answerDue = clock.answer?.ok && clock.answer.answerDue.ok ? clock.answer.answerDue : null;
  const result = c.resultRow ? (answerCategory(c.resultRow)?.zh ?? '') : '';
  const row = (label: string, value: string | null) => (value ? `<dt>${label}</dt><dd>${escapeHtml(value)}</dd>` : '');
  return portalPage(
    `申请 ${c.number}`,
    `<h1>申请 ${escapeHtml(c.number)}</h1>
<div class="status"><dl>
${row('受理机关', organization)}
${row('收到申请之日', c.receivedOn)}
${row('所需信息', c.request.description)}
${row('办理状态', STATE_LABELS[c.state].zh)}
${c.correction ? row('补正', `${c.correction.items}（补正期限 ${c.correction.replyBy}${c.correction.receivedOn ? `，已于 ${c.correction.receivedOn} 收到补正` : ''}）`) : ''}
${c.extension ? row('延期', `延长 ${c.extension.days} 个工作日（条例第三十三条第二款）`) : ''}
${next && next.due.ok ? row(NEXT_LABELS[next.kind].zh, `${next.due.date}${provisionalWords(next.due)}`) : ''}
${!next && answerDue && c.answer === null ? row('答复期限', `${answerDue.date}${provisionalWords(answerDue)}`) : ''}
${c.answer ? row('答复日期', c.answer.on) : ''}
${result ? row('办理结果', result) : ''}
${c.delivery ? row('送达日期', c.delivery.on) : ''}
</dl></div>
${done ? `<p class="notice" role="status">${escapeHtml(done)}</p>` : ''}${problems.length > 0 ? `<div class="problems" role="alert"><ul>${problems.map((p) => `<li>${escapeHtml(p.messageZh)}</li>`).join('')}</ul></div>` : ''}
${correctForm}
<h2>给您的告知书</h2>
<ul class="notices">${availableNotices(c)
      .filter((k) => k !== 'consultation')
      .map((k) => `<li>${NOTICE_TITLES[k]}：${(['html', 'docx'] as const).map((ext) => `<form method="post" action="/portal/track/notice" style="display:inline"><input type="hidden" name="number" value="${escapeHtml(again.number)}"><input type="hidden" name="code" value="${escapeHtml(again.code)}"><input type="hidden" name="file" value="${k}.${ext}"><button type="submit">${ext === 'html' ? '查看' : '下载 Word'}</button></form>`).join(' ')}</li>`)
      .join('')}</ul>
${withdrawForm}
<p><a href="/portal/track">查询其他申请</a></p>`,
  );
}
