/**
 * Error codes → HTTP status, and the one error shape `{ ok: false, error, message, messageZh, data }`
 * (docs/architecture.md rule 6). This is the only place that knows HTTP statuses of domain codes.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { problem, type ErrorCode, type Problem } from '../core/errors.ts';
import { errorPage } from './views/error.ts';

const BY_CODE: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  'notFound': 404,
  'catalog.notFound': 404,
  'catalog.illegalTransition': 409,
  'catalog.conflict': 409,
  'catalog.fileTooLarge': 413,
  'catalog.fileType': 415,
  'catalog.row': 422,
  'catalog.noRows': 422,
  'catalog.alreadyReleased': 409,
  // A format name in a URL that no renderer answers to is a resource that does not exist.
  'format.unknown': 404,
  'input.tooLarge': 413,
  'json.syntax': 400,
  'input.forbiddenKey': 400,
  'cli.usage': 400,
  'input.unreadable': 400,
  'xlsx.unreadable': 422,
  // PDF depends on a system browser: the service is degraded, not broken (docs/stack.md).
  'pdf.unavailable': 503,
  // Legacy office files depend on LibreOffice, likewise optional.
  'import.officeUnavailable': 503,
  'pdf.failed': 500,
  // A bounded queue is full (untrusted files read in the worker pool, PDF export): come back shortly (Retry-After).
  'pdf.busy': 503,
  'import.busy': 503,
  'output.unwritable': 500,
  'config.invalid': 500,
  'internal': 500,
  'request.crossSite': 403,
  'application.notFound': 404,
  'review.notFound': 404,
  'application.invalid': 400,
  'page.cursor': 400,
  'page.offset': 400,
  'application.dateOrder': 400,
  'application.futureDate': 400,
  'application.oldDate': 400,
  'application.nothingCorrected': 400,
  'review.invalid': 400,
  'approval.notFound': 404,
  'setup.closed': 409,
  'site.logo': 400,
  'setup.token': 403,
  'report.notFound': 404,
  'report.outOfScope': 403,
  'report.exists': 409,
  'report.duplicate': 409,
  'report.yearUnknown': 422,
  'report.organizationUnknown': 422,
  'report.transition': 409,
  'report.conflict': 409,
  'report.commentRequired': 400,
  'approval.commentRequired': 400,
  'approval.ownProposal': 403,
  'organization.parentNotFound': 400,
  'organization.nameTaken': 409,
  // The calendar of a year the count needs is not loaded: the request is fine, the system cannot answer it yet.
  'calendar.notCovered': 422,
  'db.unreachable': 503,
  // The store cannot take a write now (docs/decisions.md "Operations and faults"): the request was fine, nothing was written.
  'storage.full': 507,
  'storage.readOnly': 503,
  'metrics.forbidden': 403,
  'server.draining': 503,
  'auth.required': 401,
  'auth.invalid': 401,
  'auth.throttled': 429,
  'request.rateLimited': 429,
  'auth.forbidden': 403,
  'auth.csrf': 403,
  'user.taken': 409,
  'user.invalid': 400,
  'user.weakPassword': 400,
  'user.notFound': 404,
  'user.self': 403,
  'user.lastAdmin': 409,
  'user.wrongPassword': 400,
  'user.linkInvalid': 410,
  'audit.broken': 500,
};

/** Codes that mean "full now, not broken": their answers carry Retry-After (seconds). */
const RETRY_AFTER: Partial<Record<ErrorCode, number>> = { 'import.busy': 5, 'pdf.busy': 5, 'db.unreachable': 5, 'server.draining': 5 };

/** The Retry-After header of a code's answer, if it has one. Never throws. */
export function retryHeaders(code: ErrorCode): Record<string, string> {
  const seconds = RETRY_AFTER[code];
  return seconds === undefined ? {} : { 'Retry-After': String(seconds) };
}

/** Families of codes with one status; a code listed in BY_CODE wins. */
const BY_PREFIX: readonly (readonly [string, ContentfulStatusCode])[] = [
  ['report.', 422],
  // An uploaded file that arrived but cannot be read as a report (empty, binary, encrypted PDF…).
  ['import.', 422],
  // A step the case's state or the statute does not allow now (illegal transition, 补正 twice, late extension…).
  ['application.', 409],
  ['review.', 409],
  ['approval.', 409],
  ['season.', 422],
];

/** The HTTP status of an error code (unlisted expected failures → 400). Never throws. */
export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return BY_CODE[code] ?? BY_PREFIX.find(([prefix]) => code.startsWith(prefix))?.[1] ?? 400;
}

export interface ErrorBody {
  readonly ok: false;
  readonly error: ErrorCode;
  readonly message: string;
  readonly messageZh: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** The error shape for the first problem, with all problems in `data.problems`. Never throws. */
export function errorBody(problems: readonly Problem[], data: Record<string, unknown> = {}): ErrorBody {
  const first = problems[0] ?? problem('internal', '');
  return {
    ok: false,
    error: first.code,
    message: first.message,
    messageZh: first.messageZh,
    data: { ...first.data, ...data, problems },
  };
}

const PAGE_TITLES: Partial<Record<ErrorCode, { zh: string; en: string }>> = {
  'notFound': { zh: '未找到页面', en: 'Page not found' },
  'format.unknown': { zh: '不支持的下载格式', en: 'Unsupported download format' },
  'pdf.unavailable': { zh: '暂时无法生成 PDF', en: 'PDF export is unavailable' },
  'pdf.busy': { zh: '请稍后再下载 PDF', en: 'Try the PDF again shortly' },
  'auth.forbidden': { zh: '无权执行此操作', en: 'Not allowed' },
  'auth.csrf': { zh: '表单已过期', en: 'The form expired' },
  'application.notFound': { zh: '没有此申请', en: 'No such application' },
  'request.rateLimited': { zh: '提交过于频繁', en: 'Too many requests' },
  'db.unreachable': { zh: '暂时无法连接数据库，请稍后重试', en: 'The database cannot be reached; try again shortly' },
  'storage.full': { zh: '磁盘空间已满，未保存', en: 'The disk is full: nothing was saved' },
  'storage.readOnly': { zh: '数据为只读，未保存', en: 'The data is read-only: nothing was saved' },
};

/** Respond with the one error shape as JSON, status from `statusOf`. */
export function jsonError(c: Context, problems: readonly Problem[], data?: Record<string, unknown>): Response {
  const body = errorBody(problems, data);
  return c.json(body, statusOf(body.error), retryHeaders(body.error));
}

/** Respond with an error page (Chinese first), status from `statusOf`; shows `data.install`/`data.command` as the fix when present. */
export function htmlError(c: Context, problems: readonly Problem[]): Response {
  const code = problems[0]?.code ?? 'internal';
  const title = PAGE_TITLES[code] ?? { zh: '出错了', en: 'Something went wrong' };
  // The PDF renderer names its install command in data.install; other fixes may come as data.command.
  const command = problems.flatMap((p) => [p.data?.install, p.data?.command]).find((x): x is string => typeof x === 'string');
  return c.html(errorPage({ title: title.zh, titleEn: title.en, problems, ...(command ? { command } : {}) }), statusOf(code), retryHeaders(code));
}
