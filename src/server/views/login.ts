/** The staff login page (工作人员登录). */
import type { Problem } from '../../core/errors.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { page } from './layout.ts';

export function loginPage(next: string, username = '', problems: readonly Problem[] = [], notice?: string): string {
  return page({
    title: '工作人员登录',
    nav: 'login',
    body: `<h1>工作人员登录</h1>
<p class="lead">申请人无需登录：请到<a href="/portal">申请公开</a>提交或查询申请。</p>
${notice ? `<p class="notice" role="status">${escapeHtml(notice)}</p>` : ''}
${problems.length > 0 ? `<div class="problems" role="alert"><ul>${problems.map((p) => `<li>${escapeHtml(p.messageZh)}</li>`).join('')}</ul></div>` : ''}
<form class="form" method="post" action="/login">
<input type="hidden" name="next" value="${escapeHtml(next)}">
<div class="field"><label for="l-user">用户名</label><input type="text" id="l-user" name="username" value="${escapeHtml(username)}" autocomplete="username" required></div>
<div class="field"><label for="l-pass">密码</label><input type="password" id="l-pass" name="password" autocomplete="current-password" required></div>
<button class="primary" type="submit">登录</button>
</form>`,
  });
}
