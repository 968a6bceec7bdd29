/** Error pages (404, 503 for PDF, 500): the problem in Chinese first, then English, with its code. */
import { escapeHtml } from '../../formats/html/escape.ts';
import type { Problem } from '../../core/errors.ts';
import { page } from './layout.ts';

export interface ErrorPageInput {
  readonly title: string;
  readonly titleEn: string;
  readonly problems: readonly Problem[];
  /** A shell command that fixes the problem (e.g. installing Chromium), shown as code. */
  readonly command?: string;
}

/** A full error page. Never throws. */
export function errorPage(input: ErrorPageInput): string {
  const items = input.problems
    .map((p) => `<li><strong>${escapeHtml(p.messageZh)}</strong><br><span class="en">${escapeHtml(p.message)}</span> <code class="dev">${escapeHtml(p.code)}</code></li>`)
    .join('\n');
  const command = input.command
    ? `<p>安装命令 / install command:</p><pre><code>${escapeHtml(input.command)}</code></pre>`
    : '';
  return page({
    title: input.title,
    body: `<div class="notice">
<h1>${escapeHtml(input.title)}</h1>
<p class="en">${escapeHtml(input.titleEn)}</p>
<ul>${items}</ul>
${command}
<p><a href="/">返回年度报告列表</a> <span class="en">/ back to the list of reports</span></p>
</div>`,
  });
}
