/** The staff login page (工作人员登录). */
import type { Problem } from '../../core/errors.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { page } from './layout.ts';

export function loginPage(next: string, username = '', problems: readonly Problem[] = [], carry: Carried | null = null, notice?: string): string {
  return page({
    title: '工作人员登录',
    nav: 'login',
    body: `<h1>工作人员登录</h1>
${carry ? '<div class="notice" role="status"><p><strong>登录已过期，请重新登录。</strong>您刚才填写的内容已保留，登录后确认即可提交，无需重新填写。</p></div>' : '<p class="lead">申请人无需登录：请到<a href="/portal">申请公开</a>提交或查询申请。</p>'}
${notice ? `<p class="notice" role="status">${escapeHtml(notice)}</p>` : ''}
${problems.length > 0 ? `<div class="problems" role="alert"><ul>${problems.map((p) => `<li>${escapeHtml(p.messageZh)}</li>`).join('')}</ul></div>` : ''}
<form class="form" method="post" action="/login">
<input type="hidden" name="next" value="${escapeHtml(next)}">
${carry ? `<input type="hidden" name="carry" value="${escapeHtml(JSON.stringify(carry))}">\n` : ''}<div class="field"><label for="l-user">用户名</label><input type="text" id="l-user" name="username" value="${escapeHtml(username)}" autocomplete="username" required></div>
<div class="field"><label for="l-pass">密码</label><input type="password" id="l-pass" name="password" autocomplete="current-password" required></div>
<button class="primary" type="submit">登录</button>
</form>`,
  });
}

/** A form posted when the session had expired: where it was going and what was typed (never a password or token). */
export interface Carried {
  readonly action: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** After logging in again: the kept form, ready to be sent with the new session's CSRF token, or left. */
export function resumePage(carry: Carried, csrfToken: string, back: string): string {
  const shown = Object.entries(carry.fields).filter(([k, v]) => v.trim() !== '' && !['version', 'confirm', 'back'].includes(k));
  return page({
    title: '继续提交',
    body: `<h1>继续提交</h1>
<p class="lead">登录已恢复。下面是会话过期时您填写的内容；确认无误后点击“继续提交”，或<a href="${escapeHtml(back)}">返回原页面</a>重新填写。</p>
<form class="form" method="post" action="${escapeHtml(carry.action)}">
<input type="hidden" name="_csrf" value="${escapeHtml(csrfToken)}">
${Object.entries(carry.fields).map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('\n')}
<ul class="kept">${shown.map(([, v]) => `<li>${escapeHtml(v.length > 300 ? `${v.slice(0, 300)}…` : v)}</li>`).join('')}</ul>
<button class="primary" type="submit">继续提交</button>
</form>`,
  });
}
