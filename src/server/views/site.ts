/** The first-run set-up page and the site settings editor. Server-rendered, labelled fields, values kept on error. */
import type { Problem } from '../../core/errors.ts';
import type { SiteSettings } from '../../core/portal/site.ts';
import { escapeHtml } from '../../formats/html/escape.ts';
import { page } from './layout.ts';

interface FieldDef {
  readonly name: string;
  readonly label: string;
  readonly required: boolean;
  readonly hint?: string;
  readonly type?: 'text' | 'password';
}

const SITE_FIELDS: readonly FieldDef[] = [
  { name: 'siteName', label: '网站名称', required: true, hint: '如“中原县人民政府信息公开”，显示在每页页首' },
  { name: 'sponsor', label: '主办单位', required: true },
  { name: 'siteCode', label: '网站标识码', required: false, hint: '10位，全国政府网站信息报送系统分配' },
  { name: 'icp', label: 'ICP备案编号', required: false, hint: '如“豫ICP备12345678号”' },
  { name: 'publicSecurity', label: '公安机关备案号', required: false },
  { name: 'contact', label: '联系方式', required: false, hint: '页脚显示的电话、地址或邮箱' },
  { name: 'indexPattern', label: '索引号格式', required: false, hint: '发布公开目录文件时编制索引号：{code} 机关代码，{year} 发布年份，{seq:5} 当年流水号（补足5位，必须有）；留空为 {code}/{year}-{seq:5}' },
];

const SETUP_FIELDS: readonly FieldDef[] = [
  { name: 'organization', label: '机关名称（最上级）', required: true, hint: '如“中原县人民政府”；下级机关以后在系统中添加' },
  { name: 'username', label: '管理员用户名', required: true, hint: '3-32 位小写字母、数字或 . _ -' },
  { name: 'displayName', label: '管理员姓名', required: true },
  { name: 'password', label: '管理员密码', required: true, type: 'password', hint: '至少 10 位' },
];

function fields(defs: readonly FieldDef[], values: Readonly<Record<string, string>>, problems: readonly Problem[]): string {
  return defs
    .map((f) => {
      const id = `s-${f.name}`;
      const mine = problems.filter((p) => p.at === f.name);
      const described = [f.hint ? `${id}-hint` : '', mine.length > 0 ? `${id}-error` : ''].filter((x) => x !== '').join(' ');
      const value = f.type === 'password' ? '' : (values[f.name] ?? '');
      return `<div class="field"><label for="${id}">${f.label}${f.required ? ' *' : ''}</label><input type="${f.type ?? 'text'}" id="${id}" name="${f.name}" value="${escapeHtml(value)}"${f.required ? ' required' : ''}${f.type === 'password' ? ' autocomplete="new-password"' : ''}${mine.length > 0 ? ' aria-invalid="true"' : ''}${described ? ` aria-describedby="${described}"` : ''}>${f.hint ? `<span class="hint" id="${id}-hint">${escapeHtml(f.hint)}</span>` : ''}${mine.map((p) => `<span class="error" id="${id}-error" style="color:#a40e26;font-weight:600;display:block">${escapeHtml(p.messageZh)}</span>`).join('')}</div>`;
    })
    .join('\n');
}

const problemBox = (problems: readonly Problem[]) =>
  problems.length > 0 ? `<div class="problems" role="alert"><h2>未保存：有 ${problems.length} 处需要修改</h2><ul>${problems.map((p) => `<li>${escapeHtml(p.messageZh)}</li>`).join('')}</ul></div>` : '';

/** GET/POST /setup: the first-run set-up of a production installation. */
export function setupPage(input: { token: string; values: Readonly<Record<string, string>>; problems: readonly Problem[] }): string {
  const kind = input.values.kind ?? 'government';
  const option = (v: string, l: string) => `<option value="${v}"${v === kind ? ' selected' : ''}>${l}</option>`;
  return page({
    title: '首次设置',
    body: `<h1>首次设置</h1>
<p class="lead">本站尚无账户。请填写最上级机关、第一个管理员和网站信息；完成后以管理员登录，再添加下级机关和工作人员账户。此页只在首次设置时可用。</p>
${problemBox(input.problems)}
<form class="form" method="post" action="/setup">
<input type="hidden" name="token" value="${escapeHtml(input.token)}">
<fieldset><legend>机关与管理员</legend>
${fields(SETUP_FIELDS.slice(0, 1), input.values, input.problems)}
<div class="field"><label for="s-kind">机关类型 *</label><select id="s-kind" name="kind" required>${option('government', '人民政府')}${option('department', '政府部门')}${option('office', '办公室或其他机构')}</select></div>
${fields(SETUP_FIELDS.slice(1), input.values, input.problems)}
</fieldset>
<fieldset><legend>网站信息（显示在每页页首和页脚）</legend>
${fields(SITE_FIELDS, input.values, input.problems)}
</fieldset>
<button class="primary" type="submit">完成设置</button>
</form>`,
  });
}

/** GET/POST /console/site: an admin of a top organisation edits the site settings. */
export function siteEditPage(input: { values: Readonly<Record<string, string>>; problems: readonly Problem[]; csrfToken: string; saved: boolean; logo?: boolean }): string {
  const logoError = input.problems.filter((p) => p.at === 'logo');
  return page({
    title: '网站信息',
    nav: 'site',
    body: `<h1>网站信息</h1>
<p class="lead">页首的网站名称和页脚的主办单位、网站标识码、备案编号、联系方式（《政府网站发展指引》）。</p>
${input.saved ? '<p class="notice" role="status">已保存。</p>' : ''}${problemBox(input.problems)}
<form class="form" method="post" action="/console/site" enctype="multipart/form-data">
<input type="hidden" name="_csrf" value="${escapeHtml(input.csrfToken)}">
${fields(SITE_FIELDS, input.values, input.problems)}
${input.logo ? `<div class="field"><label for="s-logo">网站标志（可不选；PNG 或 JPEG，不超过 200 KB）</label><input type="file" id="s-logo" name="logo" accept="image/png,image/jpeg"${logoError.length > 0 ? ' aria-invalid="true" aria-describedby="s-logo-error"' : ''}>${logoError.map((p) => `<span class="error" id="s-logo-error" style="color:#a40e26;font-weight:600;display:block">${escapeHtml(p.messageZh)}</span>`).join('')}</div>` : ''}
<button class="primary" type="submit">保存</button>
</form>`,
  });
}

/** Every page while set-up is pending (503): the operator finds the link in the server log. */
export function setupPendingPage(): string {
  return page({
    title: '尚未完成首次设置',
    body: `<h1>尚未完成首次设置</h1>
<p>本站刚刚安装，尚未设置机关和管理员。管理员请打开服务器启动日志中显示的“首次设置”链接，或在服务器上运行 <code>gongkai setup</code>。</p>`,
  });
}

/** The settings as form values. */
export const siteValues = (s: SiteSettings | null): Record<string, string> =>
  s ? Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v ?? ''])) : {};
