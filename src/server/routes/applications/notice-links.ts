/**
 * Notices of a case for download: the links on the case page, and the one handler that builds a notice (staff page
 * and the applicant's tracking page both use it). The review body named in an answer is the nearest government above
 * a department, or "上一级人民政府" for a government.
 */
import type { Context } from 'hono';
import type { CaseView } from '../../../app/applications/index.ts';
import type { OrganizationRepository } from '../../../app/organizations/ports.ts';
import type { Case } from '../../../core/application/case.ts';
import type { CaseClock } from '../../../core/application/clock.ts';
import { availableNotices, buildNotice, NOTICE_KINDS, NOTICE_TITLES, type NoticeKind } from '../../../core/application/notices.ts';
import { problem } from '../../../core/errors.ts';
import { renderNoticeDocx, renderNoticeHtml } from '../../../formats/notices/render.ts';
import { htmlError } from '../../errors.ts';
import { reviewBodyOf } from '../../../app/notify/notify.ts';

export function noticeLinks(view: CaseView): { href: string; label: string }[] {
  return availableNotices(view.case).flatMap((kind) => [
    { href: `/applications/${encodeURIComponent(view.case.id)}/notices/${kind}.html`, label: `${NOTICE_TITLES[kind]}（网页）` },
    { href: `/applications/${encodeURIComponent(view.case.id)}/notices/${kind}.docx`, label: `${NOTICE_TITLES[kind]}（Word）` },
  ]);
}

/** Answer `GET …/notices/KIND.(html|docx)` for a case; 404 for a notice the case does not have. */
export async function sendNotice(c: Context, organizations: OrganizationRepository, kase: Case, clock: CaseClock, file: string, toApplicantOnly = false): Promise<Response> {
  const m = /^([a-z]+)\.(html|docx)$/.exec(file);
  const kind = m?.[1] as NoticeKind | undefined;
  if (!m || !kind || !(NOTICE_KINDS as readonly string[]).includes(kind)) return htmlError(c, [problem('notFound', file)]);
  const org = await organizations.get(kase.organizationId);
  const notice = buildNotice(kind, kase, { organization: org?.name ?? '', reviewBody: await reviewBodyOf(organizations, org), clock });
  if (!notice || (toApplicantOnly && !notice.toApplicant)) return htmlError(c, [problem('notFound', file)]);
  const name = encodeURIComponent(`${notice.title}（${kase.number}）.${m[2]}`);
  const disposition = `attachment; filename="notice-${kase.number}-${kind}.${m[2]}"; filename*=UTF-8''${name}`;
  if (m[2] === 'html') return c.html(renderNoticeHtml(notice));
  const bytes = await renderNoticeDocx(notice);
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'content-disposition': disposition });
}
