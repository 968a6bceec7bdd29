/**
 * The page frame of the web app: `<html lang="zh-CN">`, the header “gongkai 政府信息公开”, the navigation.
 * Server-rendered HTML without client script; every interpolated text goes through escapeHtml.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { escapeHtml } from '../../formats/html/escape.ts';
import type { SiteSettings } from '../../core/portal/site.ts';

const SITE_CSS = `
*{box-sizing:border-box}
body{margin:0;padding:0;font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9;line-height:1.6}
a{color:#0b5cad}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.site-header{background:#9e1b1b;color:#fff;padding:.6rem 1.5rem;display:flex;align-items:baseline;gap:2rem;flex-wrap:wrap}
.site-header .brand{color:#fff;text-decoration:none;font-size:1.25rem;font-weight:bold;letter-spacing:.05em}
.site-header .brand small{font-weight:normal;opacity:.85;margin-left:.5rem;font-size:.95rem}
.site-header nav a{color:#fff;margin-right:1.2rem;text-decoration:none;opacity:.9;white-space:nowrap;display:inline-block}
.site-header nav a:hover{text-decoration:underline;opacity:1}
.site-header nav a[aria-current="page"]{opacity:1;text-decoration:underline;text-underline-offset:.3em}
.site-header .who{margin-left:auto;color:#fff}
.staff-nav{background:#fff;border-bottom:1px solid #d0d7de;padding:.35rem 1.5rem;display:flex;flex-wrap:wrap;align-items:baseline;gap:.2rem 1.2rem}
.staff-nav a{color:#1f2328;text-decoration:none;white-space:nowrap}
.staff-nav a:hover{text-decoration:underline}
.staff-nav a[aria-current="page"]{color:#9e1b1b;font-weight:600;text-decoration:underline;text-underline-offset:.3em}
.staff-nav .menu{position:relative}
.staff-nav .menu summary{cursor:pointer;color:#1f2328}
.staff-nav .menu>div{position:absolute;z-index:20;background:#fff;border:1px solid #d0d7de;border-radius:6px;box-shadow:0 4px 12px rgba(0,0,0,.12);padding:.4rem .9rem;display:flex;flex-direction:column;gap:.3rem;min-width:9em;white-space:nowrap}
.site-header .who button{font:inherit;font-size:.9rem;margin-left:.4rem;background:#fff;color:#9e1b1b;border:0;border-radius:4px;padding:.1rem .6rem;cursor:pointer}
main{max-width:1240px;margin:0 auto;padding:1.2rem 1.5rem 3rem}
h1{font-size:1.5rem;margin:.4rem 0 .6rem}
.lead{color:#57606a;margin:.2rem 0 1rem}
.en{color:#57606a;font-size:.9em}
html:not(.show-en) .en,html:not(.show-en) .dev,html:not(.show-en) .finding-code{display:none}
.site-header .lang{color:#fff;opacity:.85;font-size:.9rem}
.site-header .brand .logo{height:32px;width:auto;vertical-align:middle;margin-right:.5rem}
.site-footer{border-top:1px solid #d0d7de;background:#fff;color:#424a53;font-size:.85rem;padding:.8rem 1.5rem;display:flex;flex-wrap:wrap;gap:.4rem 1.4rem;justify-content:center}
table.list{border-collapse:collapse;width:100%;background:#fff;border:1px solid #d0d7de}
table.list th,table.list td{border-bottom:1px solid #d0d7de;padding:.55rem .7rem;text-align:left;vertical-align:top}
table.list th{background:#eef1f4;font-weight:600;white-space:nowrap}
table.list td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.badge{display:inline-block;min-width:1.8em;padding:0 .45em;border-radius:1em;font-size:.85rem;text-align:center;font-weight:600}
.badge.error{background:#ffebe9;color:#a40e26;border:1px solid #ff8182}
.badge.warning{background:#fff8c5;color:#7d4e00;border:1px solid #d4a72c}
.badge.info{background:#ddf4ff;color:#0a3069;border:1px solid #54aeff}
.badge.zero{background:#f6f8fa;color:#57606a;border:1px solid #d0d7de}
.muted{color:#57606a}
/* Wide tables scroll inside their own box on a narrow screen; the page itself never does. */
.table-scroll{overflow-x:auto;max-width:100%}
.table-scroll:focus-visible{outline:3px solid #0b5cad}
.tag{display:inline-block;margin-left:.4em;padding:0 .5em;border-radius:4px;font-size:.8rem;font-weight:600;vertical-align:.1em;white-space:nowrap}
.tag.imported{background:#dafbe1;color:#116329;border:1px solid #4ac26b}
.tag.demo{background:#f6f8fa;color:#57606a;border:1px solid #d0d7de}
/* Forms (导入报告): labelled fields, one per line, usable without script. */
.form{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:1rem 1.2rem;max-width:52rem}
.form .field{margin:0 0 1rem}
.form label,.form legend{display:block;font-weight:600;margin-bottom:.25rem}
.form fieldset{border:1px solid #d0d7de;border-radius:6px;padding:.6rem 1rem .2rem;margin:0 0 1rem}
.form .hint,.problems .hint{display:block;color:#57606a;font-size:.9rem;font-weight:normal}
.form fieldset>p.hint{margin:0 0 .8rem}
.form input[type=text],.form input[type=password],.form select{font:inherit;padding:.35rem .5rem;border:1px solid #8c959f;border-radius:4px;min-width:16rem;max-width:100%}
.form input.short{min-width:0;width:8rem}
.form input[type=file]{font:inherit}
.form input:focus-visible,.form select:focus-visible,button:focus-visible{outline:3px solid #0b5cad;outline-offset:1px}
.form [aria-invalid=true]{border-color:#a40e26}
button.primary{font:inherit;font-weight:600;padding:.45rem 1.2rem;border:1px solid #7a1414;border-radius:6px;background:#9e1b1b;color:#fff;cursor:pointer}
button.primary:hover{background:#7a1414}
button.primary .en{color:inherit;opacity:.85}
form.inline{display:inline-block;margin:0 .3rem .2rem 0}
.problems{background:#fff;border:1px solid #ff8182;border-left:4px solid #a40e26;border-radius:6px;padding:.6rem 1.2rem;margin:0 0 1rem;max-width:52rem}
.problems h2{font-size:1.05rem;margin:.2rem 0 .4rem;color:#a40e26}
.problems ul{margin:.2rem 0 .4rem;padding-left:1.2rem}
.downloads{display:flex;flex-wrap:wrap;gap:.5rem;margin:.6rem 0 1.2rem;padding:0;list-style:none}
.downloads a{display:inline-block;padding:.3rem .75rem;border:1px solid #d0d7de;border-radius:6px;background:#fff;text-decoration:none}
.downloads a:hover{border-color:#0b5cad}
.report-toolbar p{margin:.2rem 0}
/* The report article (src/formats/html) ends with its findings list: the page sets that list beside the report. */
.report-body .annual-report{display:grid;grid-template-columns:minmax(0,1fr) 22rem;column-gap:1.5rem;align-items:start;max-width:none;margin:0;padding:0;background:none;box-shadow:none}
.report-body .annual-report>*{grid-column:1;min-width:0;background:#fff}
/* The report reads as one white sheet; a section named by a finding keeps its coloured left rule (REPORT_CSS). */
.report-body .annual-report>header{padding:1.5rem 2rem 0;border-radius:6px 6px 0 0}
.report-body .annual-report>section{padding:0 2rem .5rem;margin:0}
.report-body .annual-report>section:nth-last-child(2){border-radius:0 0 6px 6px;padding-bottom:1.5rem}
.report-body .annual-report>section.findings{grid-column:2;grid-row:1 / span 8;position:sticky;top:1rem;max-height:calc(100vh - 2rem);overflow:auto;border:1px solid #d0d7de;border-radius:6px;padding:.6rem 1rem;font-size:.95rem}
.report-body .annual-report>section.findings h2{font-size:1.05rem;margin:.2rem 0 .5rem}
.report-body .annual-report>section.findings ol{padding-left:1.4em;font-size:.9rem}
.report-body .report-table td.finding:target,.report-body .annual-report section:target{outline:3px solid #0b5cad;outline-offset:-3px}
.notice{background:#fff;border:1px solid #d0d7de;border-left:4px solid #9e1b1b;border-radius:6px;padding:1rem 1.2rem;max-width:52rem}
.notice code,.notice pre{background:#f6f8fa;padding:.15rem .4rem;border-radius:4px}
.notice pre{padding:.6rem .8rem;overflow-x:auto}
@media (max-width:600px){.form input[type=text],.form input[type=password],.form select{min-width:0;width:100%}.form input[type=file]{max-width:100%}.site-header{gap:.5rem 1rem}main{padding:1rem .8rem 2rem}}
@media (max-width:1000px){.report-body .annual-report{display:block}.report-body .annual-report>section.findings{position:static;max-height:none;margin-top:1rem}}
@media print{.site-header,.report-toolbar,.report-body .annual-report>section.findings{display:none}.report-body .annual-report{display:block}body{background:#fff}}
`;

/** The navigation entries a page can be. */
export type NavKey = 'catalog' | 'catalogStaff' | 'reports' | 'nianbao' | 'import' | 'portal' | 'login' | 'cases' | 'approvals' | 'tables' | 'guide' | 'audit' | 'site' | 'calendar' | 'season' | 'notifications' | 'users' | 'account' | 'organizations';

export interface PageInput {
  /** Title, Chinese (the site name is appended). */
  readonly title: string;
  /** Trusted HTML of the page body (already escaped by its view). */
  readonly body: string;
  /** Extra trusted CSS (the report CSS of src/formats/html); the site CSS comes after it and wins. */
  readonly css?: string;
  /** The navigation entry of this page (marked aria-current). */
  readonly nav?: NavKey;
  /** The logged-in user (staff pages): shown in the header with a logout button. */
  readonly session?: PageSession;
}

/** Who is logged in, as the page frame needs it: the name shown, the CSRF token of the logout form, and — for the
 * navigation — what the user may open (their organisation's pages by role). */
export interface PageSession {
  readonly name: string;
  readonly csrfToken: string;
  /** The pages of the staff console this user may open (see staffNav in server/auth.ts); absent: none. */
  readonly links?: readonly { readonly key?: NavKey; readonly href: string; readonly label: string; readonly group?: 'settings' }[];
}

/** The public entries: every visitor sees them. */
const PUBLIC_NAV: readonly { key: NavKey; href: string; label: string }[] = [
  { key: 'reports', href: '/', label: '年度报告' },
  { key: 'nianbao', href: '/nianbao', label: '年报专栏' },
  { key: 'catalog', href: '/xxgk', label: '信息公开目录' },
  { key: 'portal', href: '/portal', label: '申请公开' },
  { key: 'import', href: '/import', label: '导入报告' },
];

/**
 * The logged-in user of the request being answered, set by the authenticate middleware (server/auth.ts): every page
 * shows who is logged in — report and import pages too, whose views know nothing of sessions.
 */
export const requestSession = new AsyncLocalStorage<PageInput['session']>();

/**
 * Whether the reader asked to see the English beside the Chinese (and the codes developers use), from the `gk_lang`
 * cookie set by GET /lang. Chinese only by default: English text and codes are in the page but not shown.
 */
export const requestShowsEnglish = new AsyncLocalStorage<boolean>();

/** The site's settings for the page frame (name, footer), set per request by server/app.ts; null before set-up. */
export const requestSite = new AsyncLocalStorage<(SiteSettings & { readonly hasLogo?: boolean }) | null>();

/** The foot of every page: 主办单位, 网站标识码, ICP备案编号, 公安机关备案号, 联系方式 (core/portal/site.ts). */
function footer(site: (SiteSettings & { readonly hasLogo?: boolean }) | null): string {
  const parts = site
    ? [
        `主办单位：${escapeHtml(site.sponsor)}`,
        site.siteCode ? `网站标识码：${escapeHtml(site.siteCode)}` : '',
        site.icp ? escapeHtml(site.icp) : '',
        site.publicSecurity ? escapeHtml(site.publicSecurity) : '',
        site.contact ? escapeHtml(site.contact) : '',
      ].filter((x) => x !== '')
    : [];
  return `<footer class="site-footer">${parts.map((p) => `<span>${p}</span>`).join(' ')}<span class="muted">技术支持：gongkai 开源政府信息公开平台</span></footer>`;
}

/** A complete HTML page in the site frame. Never throws. */
export function page(input: PageInput): string {
  const session = input.session ?? requestSession.getStore();
  const english = requestShowsEnglish.getStore() === true;
  const site = requestSite.getStore() ?? null;
  // A view may pass its own session (name, CSRF token); the navigation still comes from the request's.
  // Staff see the public entries in the header and their own pages in a bar below it: the daily work first, the
  // settings an admin opens now and then (审计日志, 账户管理…) under one 系统管理 menu (a <details>, no script).
  const staff = session ? (session.links ?? requestSession.getStore()?.links ?? []) : [];
  const link = (n: { key?: NavKey; href: string; label: string }) => `<a href="${escapeHtml(n.href)}"${n.key && n.key === input.nav ? ' aria-current="page"' : ''}>${escapeHtml(n.label)}</a>`;
  const work = staff.filter((n) => n.group !== 'settings');
  const settings = staff.filter((n) => n.group === 'settings');
  const settingsOpen = settings.some((n) => n.key !== undefined && n.key === input.nav);
  const staffBar = staff.length === 0 ? '' : `<nav class="staff-nav" aria-label="工作台">
${work.map(link).join('\n')}${settings.length > 0 ? `\n<details class="menu"${settingsOpen ? ' open' : ''}><summary>系统管理</summary><div>${settings.map(link).join('')}</div></details>` : ''}
</nav>`;
  return `<!doctype html>
<html lang="zh-CN"${english ? ' class="show-en"' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)} · ${escapeHtml(site?.siteName ?? 'gongkai 政府信息公开')}</title>
${input.css ? `<style>${input.css}</style>\n` : ''}<style>${SITE_CSS}</style>
</head>
<body>
<header class="site-header">
<a class="brand" href="/">${site?.hasLogo ? '<img class="logo" src="/site/logo" alt="" height="32">' : ''}${site ? escapeHtml(site.siteName) : 'gongkai<small>政府信息公开</small>'}</a>
<nav aria-label="主导航">
${PUBLIC_NAV.map(link).join('\n')}
</nav>
<a class="lang" href="/lang?show=${english ? 'zh' : 'en'}" lang="${english ? 'zh-CN' : 'en'}">${english ? '只显示中文' : 'English'}</a>
${session ? `<form class="who" method="post" action="/logout"><span>${escapeHtml(session.name)}</span> <input type="hidden" name="_csrf" value="${escapeHtml(session.csrfToken)}"><button type="submit">退出</button></form>` : `<a class="who" href="/login"${input.nav === 'login' ? ' aria-current="page"' : ''}>工作人员登录</a>`}
</header>
${staffBar}
<main>
${input.body}
</main>
${footer(site)}
</body>
</html>
`;
}
