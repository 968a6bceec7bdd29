/**
 * Account pages: 账户管理 (/console/users, admin) — the accounts of the admin's organisation and below, the form to
 * create one, and per account 停用/启用, 更改角色, 解除锁定, 重设密码链接; a one-time link shown once; 我的账户 (/account)
 * — one's role and organisation, changing one's password; the reset form (/account/reset/:token).
 */
import type { Problem } from '../../core/errors.ts';
import { ROLE_LABELS, ROLES } from '../../core/people/roles.ts';
import type { AccountRow } from '../../app/people/index.ts';
import type { User } from '../../app/people/index.ts';
import { LOGIN_POLICY } from '../../app/people/index.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { beijingTime } from '../clock.ts';
import { page } from './layout.ts';

const csrfField = (csrf: string) => `<input type="hidden" name="_csrf" value="${escapeHtml(csrf)}">`;

function problemBox(problems: readonly Problem[]): string {
  if (problems.length === 0) return '';
  return `<div class="problems" role="alert"><h2>未完成：有 ${problems.length} 处需要修改</h2><ul>${problems
    .map((p) => `<li>${escapeHtml(p.messageZh)} <span class="en" lang="en">${escapeHtml(p.message)}</span></li>`)
    .join('')}</ul></div>`;
}

const roleOptions = (selected: string) => ROLES.map((r) => `<option value="${r}"${r === selected ? ' selected' : ''}>${ROLE_LABELS[r].zh}</option>`).join('');

/** A one-time link, shown once to the admin who made it. */
export interface ShownLink {
  readonly username: string;
  readonly url: string;
  readonly expiresAt: string;
  readonly created: boolean;
}

/** The accounts page. */
export function usersPage(input: {
  rows: readonly AccountRow[];
  organizations: readonly { id: string; name: string }[];
  me: User;
  csrf: string;
  problems?: readonly Problem[];
  values?: Readonly<Record<string, string>>;
  link?: ShownLink;
  notice?: string;
}): string {
  const orgName = new Map(input.organizations.map((o) => [o.id, o.name]));
  const v = input.values ?? {};
  const rows = input.rows
    .map(({ user: u, lockedUntil }) => {
      const status = !u.active ? '已停用' : lockedUntil ? `已锁定（至 ${escapeHtml(beijingTime(lockedUntil))}）` : '正常';
      const self = u.id === input.me.id;
      const base = `/console/users/${encodeURIComponent(u.id)}`;
      const act = (path: string, label: string, extra = '') => `<form method="post" action="${base}/${path}" class="inline">${csrfField(input.csrf)}${extra}<button type="submit">${label}</button></form>`;
      const actions = [
        self ? '' : u.active ? act('disable', '停用') : act('enable', '启用'),
        self ? '' : `<form method="post" action="${base}/role" class="inline">${csrfField(input.csrf)}<select name="role" aria-label="${escapeHtml(u.username)} 的角色">${roleOptions(u.role)}</select><button type="submit">更改角色</button></form>`,
        lockedUntil ? act('unlock', '解除锁定') : '',
        act('reset-link', '生成重设密码链接'),
      ].filter((x) => x !== '');
      return `<tr><td>${escapeHtml(u.username)}${self ? '（本人）' : ''}</td><td>${escapeHtml(u.displayName)}</td><td>${ROLE_LABELS[u.role].zh}</td><td>${escapeHtml(orgName.get(u.organizationId) ?? u.organizationId)}</td><td>${status}</td><td>${u.lastLoginAt ? escapeHtml(beijingTime(u.lastLoginAt)) : '—'}</td><td>${actions.join(' ')}</td></tr>`;
    })
    .join('\n');
  const link = input.link
    ? `<div class="notice" role="status"><h2>${input.link.created ? `已新建账户 ${escapeHtml(input.link.username)}` : `${escapeHtml(input.link.username)} 的重设密码链接`}</h2>
<p>请将下面的一次性链接交给本人，由本人设置密码。链接只显示这一次，${escapeHtml(beijingTime(input.link.expiresAt))}（北京时间）前有效，使用一次即失效；再生成新链接，旧链接即作废。</p>
<p><code>${escapeHtml(input.link.url)}</code></p></div>`
    : '';
  const orgOptions = input.organizations.map((o) => `<option value="${escapeHtml(o.id)}"${o.id === (v.organizationId ?? input.me.organizationId) ? ' selected' : ''}>${escapeHtml(o.name)}</option>`).join('');
  return page({
    title: '账户管理',
    nav: 'users',
    body: `<h1>账户管理</h1>
<p class="lead">本机关及下级机关的工作人员账户。停用的账户不能登录，已登录的会话立即结束。不能停用本人账户或更改本人角色；机关唯一在用的管理员不能停用或改为其他角色。</p>
${input.notice ? `<p class="notice" role="status">${escapeHtml(input.notice)}</p>` : ''}
${link}
${problemBox(input.problems ?? [])}
<div class="table-scroll" role="region" aria-label="账户列表" tabindex="0"><table class="list"><caption>共 ${input.rows.length} 个账户</caption>
<thead><tr><th scope="col">用户名</th><th scope="col">姓名</th><th scope="col">角色</th><th scope="col">机关</th><th scope="col">状态</th><th scope="col">最近登录（北京时间）</th><th scope="col">操作</th></tr></thead>
<tbody>${rows}</tbody></table></div>
<h2>新建账户</h2>
<form class="form" method="post" action="/console/users">
${csrfField(input.csrf)}
<div class="field"><label for="u-username">用户名 *</label><input type="text" id="u-username" name="username" required value="${escapeHtml(v.username ?? '')}"><span class="hint">3-32 位小写字母、数字或 . _ -</span></div>
<div class="field"><label for="u-displayName">姓名 *</label><input type="text" id="u-displayName" name="displayName" required value="${escapeHtml(v.displayName ?? '')}"></div>
<div class="field"><label for="u-organizationId">机关 *</label><select id="u-organizationId" name="organizationId">${orgOptions}</select></div>
<div class="field"><label for="u-role">角色 *</label><select id="u-role" name="role">${roleOptions(v.role ?? 'handler')}</select></div>
<p class="hint">新建后显示一次性设置密码链接（${escapeHtml(String(24))} 小时内有效），由本人设置密码；管理员不知道任何人的密码。</p>
<button class="primary" type="submit">新建账户</button>
</form>`,
  });
}

/** 我的账户: role, organisation, change password. */
export function accountPage(input: { me: User; organization: string; csrf: string; problems?: readonly Problem[]; notice?: string }): string {
  return page({
    title: '我的账户',
    nav: 'account',
    body: `<h1>我的账户</h1>
<dl class="facts"><dt>用户名</dt><dd>${escapeHtml(input.me.username)}</dd><dt>姓名</dt><dd>${escapeHtml(input.me.displayName)}</dd><dt>角色</dt><dd>${ROLE_LABELS[input.me.role].zh}</dd><dt>机关</dt><dd>${escapeHtml(input.organization)}</dd></dl>
${input.notice ? `<p class="notice" role="status">${escapeHtml(input.notice)}</p>` : ''}
<h2>修改密码</h2>
${problemBox(input.problems ?? [])}
<form class="form" method="post" action="/account/password">
${csrfField(input.csrf)}
<div class="field"><label for="a-current">当前密码 *</label><input type="password" id="a-current" name="current" required autocomplete="current-password"></div>
<div class="field"><label for="a-password">新密码 *</label><input type="password" id="a-password" name="password" required minlength="${LOGIN_POLICY.minPasswordLength}" autocomplete="new-password"><span class="hint">至少 ${LOGIN_POLICY.minPasswordLength} 个字符，不能全是数字或重复字符</span></div>
<p class="hint">修改后，您在其他浏览器或设备上的登录会话将结束。</p>
<button class="primary" type="submit">修改密码</button>
</form>`,
  });
}

/** The reset form of a one-time link (no session: the link is the proof; the same-origin check guards the POST). */
export function resetPage(input: { user: User; token: string; problems?: readonly Problem[] }): string {
  return page({
    title: '设置密码',
    body: `<h1>设置密码</h1>
<p class="lead">账户 ${escapeHtml(input.user.username)}（${escapeHtml(input.user.displayName)}）。设置后此链接失效，该账户所有已登录的会话结束，请用新密码登录。</p>
${problemBox(input.problems ?? [])}
<form class="form" method="post" action="/account/reset/${encodeURIComponent(input.token)}">
<div class="field"><label for="r-password">新密码 *</label><input type="password" id="r-password" name="password" required minlength="${LOGIN_POLICY.minPasswordLength}" autocomplete="new-password"><span class="hint">至少 ${LOGIN_POLICY.minPasswordLength} 个字符，不能全是数字或重复字符</span></div>
<button class="primary" type="submit">设置密码</button>
</form>`,
  });
}
