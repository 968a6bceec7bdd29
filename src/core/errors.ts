/**
 * The one registry of error codes. Every expected failure the platform reports carries one of these stable codes
 * with a message in Chinese (first) and English. The HTTP status for each code lives only in server/errors.ts.
 */

export const ERROR_CODES = {
  'input.unreadable': { zh: '无法读取输入文件', en: 'the input could not be read' },
  'input.tooLarge': { zh: '输入文件过大', en: 'the input is too large' },
  'json.syntax': { zh: 'JSON 语法错误', en: 'JSON syntax error' },
  'input.forbiddenKey': { zh: '请求中含有不允许的字段名（__proto__、constructor、prototype）', en: 'the request names a field that is not allowed (__proto__, constructor, prototype)' },
  'report.notObject': { zh: '报告应为 JSON 对象', en: 'a report must be a JSON object' },
  'report.schema': { zh: '不支持的 schema，应为 gongkai.annual-report/1', en: 'unsupported schema, expected gongkai.annual-report/1' },
  'report.template': { zh: '模板应为 "2019" 或 "2021"', en: 'template must be "2019" or "2021"' },
  'report.year': { zh: '年度应为 1990 至 2100 之间的整数（未知时为 null）', en: 'year must be an integer between 1990 and 2100 (null when unknown)' },
  'report.organization': { zh: '机关名称应为字符串或 null', en: 'organization must be a string or null' },
  'report.table': { zh: '表格应为对象或 null', en: 'a table must be an object or null' },
  'report.row': { zh: '该行应为对象', en: 'a row must be an object' },
  'report.unknownKey': { zh: '模板中没有此项', en: 'this key is not in the template' },
  'report.missingRow': { zh: '缺少此行（空白单元格请写 null）', en: 'missing row (write null for blank cells)' },
  'report.missingCell': { zh: '缺少单元格（空白单元格请写 null）', en: 'missing cell (write null for a blank cell)' },
  'report.cellCount': { zh: '应为非负整数', en: 'expected a non-negative integer' },
  'report.cellAmount': { zh: '应为数字（单位：万元）', en: 'expected a number (unit: 10,000 yuan)' },
  'report.transition': { zh: '该年度报告当前状态下不能执行此操作', en: 'this step is not allowed in the report\'s current state' },
  'report.conflict': { zh: '该年度报告刚被他人处理，请刷新后重试', en: 'someone acted on this report meanwhile; reload and try again' },
  'report.commentRequired': { zh: '请写明意见或更正说明', en: 'a comment or correction notice is required' },
  'report.empty': { zh: '未能从原文读出模板中的任何数据（表二、表三、表四全部为空），不能保存为报告', en: 'nothing of the template was read (tables 二, 三 and 四 are all empty): it cannot be saved as a report' },
  'report.duplicate': { zh: '同一机关、同一年度、内容相同的报告已经保存过', en: 'a report of the same organisation, year and content is already saved' },
  'report.notFound': { zh: '没有此报告', en: 'no such report' },
  'report.exists': { zh: '该机关该年度已有报告：报告有误应提出更正（平台生成的报告），或由管理员撤回导入的报告后重新导入', en: 'the organisation already has a report for this year: correct it, or have an admin withdraw the imported one first' },
  'report.yearUnknown': { zh: '报告未写明年度，不能保存：一个机关每年一份报告，年度是它的编号', en: 'the report states no year: it cannot be saved (an organisation has one report a year)' },
  'report.organizationUnknown': { zh: '平台上没有报告所写的机关：请核对机关名称，或先在“机构”中添加该机关', en: 'no organisation of the name the report gives: check the name, or add the organisation first' },
  'report.outOfScope': { zh: '只能保存或撤回本机关及下级机关的报告', en: 'only reports of your organisation or those below it can be saved or withdrawn' },
  'report.sections': { zh: '叙述部分应为对象，各项为字符串或 null', en: 'sections must be an object of strings or null' },
  'format.unknown': { zh: '不支持的格式', en: 'unsupported format' },
  'pdf.unavailable': { zh: '无法生成 PDF：缺少 Chromium 或中文字体', en: 'PDF export unavailable: Chromium or CJK fonts missing' },
  'pdf.failed': { zh: 'PDF 生成失败', en: 'PDF generation failed' },
  'pdf.busy': { zh: '正在生成的 PDF 过多，请稍后重试', en: 'too many PDFs are being generated: try again shortly' },
  'xlsx.unreadable': { zh: '无法读取 XLSX 文件', en: 'the XLSX file could not be read' },
  'table.csvSyntax': { zh: 'CSV 格式有误', en: 'malformed CSV' },
  'table.noColumn': { zh: '表中没有指定的列', en: 'the table has no such column' },
  'import.empty': { zh: '文件为空', en: 'the file is empty' },
  'import.unknownFormat': { zh: '无法识别的文件格式（支持 txt、md、html、docx、pdf、ofd，扫描图像 png、jpg、tif，装有 LibreOffice 时还支持 doc、wps、rtf、xls、et）', en: 'unrecognised file format (txt, md, html, docx, pdf and ofd are supported, scans as png, jpg and tif; doc, wps, rtf, xls and et when LibreOffice is installed)' },
  'import.notOfd': { zh: '不是有效的 OFD 版式文件', en: 'not a valid OFD file' },
  'import.officeUnavailable': { zh: '读取旧版 Office/WPS 或 RTF 文件需要 LibreOffice，请安装（sudo apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui）或将文件另存为 .docx/.xlsx', en: 'legacy Office/WPS and RTF files need LibreOffice: install it (sudo apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui) or save the file as .docx/.xlsx' },
  'import.officeFailed': { zh: 'LibreOffice 无法转换该文件', en: 'LibreOffice could not convert the file' },
  'import.notDocx': { zh: '不是有效的 Word（.docx）文件', en: 'not a valid Word (.docx) file' },
  'import.notZip': { zh: '不是有效的 ZIP 压缩包', en: 'not a valid ZIP archive' },
  'import.notPdf': { zh: '不是有效的 PDF 文件', en: 'not a valid PDF file' },
  'import.pdfEncrypted': { zh: 'PDF 已加密，需要密码才能打开', en: 'the PDF is encrypted and needs a password to open' },
  'import.noTextLayer': { zh: 'PDF/OFD 文件没有文字层，文字识别（OCR）也未读出文字（可能是扫描件）', en: 'the PDF/OFD file has no text layer and OCR read no text in it (probably scanned)' },
  'import.notImage': { zh: '不是可读取的图像文件（支持 PNG、JPEG、TIFF）', en: 'not a readable image file (PNG, JPEG and TIFF are supported)' },
  'import.extractFailed': { zh: '无法从文件中提取文字', en: 'the text could not be extracted from the file' },
  'import.tooLarge': { zh: '文件解压或解析后过大，不像是一份年度报告', en: 'the file inflates or parses to more than an annual report could need' },
  'import.tooComplex': { zh: '网页结构过于复杂（嵌套过深或元素过多），不像是一份年度报告', en: 'the page is too complex (nested too deep or too many elements) for an annual report' },
  'import.timeout': { zh: '文件处理超时', en: 'reading the file took too long' },
  'import.busy': { zh: '正在处理的文件过多，请稍后重试', en: 'too many files are being read: try again shortly' },
  'calendar.notCovered': { zh: '所需年份的节假日安排尚未载入，不能只按周一至周五推算期限', en: 'the holiday calendar of a year the count needs is not loaded; deadlines are never computed on weekdays alone' },
  'calendar.badFile': { zh: '节假日数据文件有误', en: 'the calendar data file is invalid' },
  'calendar.badDate': { zh: '日期无效，应为 YYYY-MM-DD', en: 'invalid date, expected YYYY-MM-DD' },
  'calendar.noticeSyntax': { zh: '放假安排文件的行格式有误', en: 'bad line in the holiday notice file' },
  'calendar.noticeYear': { zh: '日期不在该放假安排的年度内', en: 'the date is outside the year of the notice' },
  'calendar.noticeOverlap': { zh: '日期重复或范围重叠', en: 'a date is listed twice or ranges overlap' },
  'calendar.workdayNotWeekend': { zh: '调休上班日应为星期六或星期日', en: 'a make-up workday (调休) must be a Saturday or a Sunday' },
  'calendar.yearExists': { zh: '该年度的节假日安排已载入', en: 'the calendar of that year is already loaded' },
  'deadline.extension': { zh: '延长期限应为 0 至 20 个工作日的整数（条例第三十三条第二款）', en: 'the extension must be a whole number of working days from 0 to 20 (Art. 33(2))' },
  'deadline.pause': { zh: '期限中止（征求意见、缴费）的起止日期有误', en: 'invalid pause (consultation, fee notice) dates' },
  'deadline.table': { zh: '期限表（CSV）格式有误', en: 'malformed deadline table (CSV)' },
  'organization.nameRequired': { zh: '机关名称不能为空', en: 'the organisation name must not be empty' },
  'organization.parentNotFound': { zh: '上级机关不存在', en: 'the parent organisation does not exist' },
  'organization.kindOrder': { zh: '层级有误：顶层须为政府，层级只能按 政府→部门→办公室 向下', en: 'wrong level: a root must be a government, and levels only go down government → department → office' },
  'organization.nameTaken': { zh: '同一上级机关下已有同名机关', en: 'an organisation of that name already exists under the same parent' },
  'application.invalid': { zh: '申请内容有误', en: 'invalid application data' },
  'application.notFound': { zh: '没有此申请', en: 'no such application' },
  'application.illegalTransition': { zh: '该申请当前所处状态下不能执行此操作', en: 'this step is not allowed in the current state of the application' },
  'application.duplicate': { zh: '同一申请刚刚已提交，未重复登记', en: 'the same application was just submitted; it was not registered twice' },
  'application.conflict': { zh: '该申请已被他人修改，请刷新后重试', en: 'the application was changed by someone else; reload and try again' },
  'application.dateOrder': { zh: '日期早于该申请的上一个办理步骤', en: 'the date is earlier than the previous step of the application' },
  'application.futureDate': { zh: '日期晚于今天', en: 'the date is in the future' },
  'application.correctionOnce': { zh: '补正只能一次性告知（条例第三十条）', en: 'a correction may be requested only once (Art. 30)' },
  'application.correctionLate': { zh: '应当自收到申请之日起7个工作日内一次性告知补正（条例第三十条）', en: 'a correction must be requested within 7 working days of receipt (Art. 30)' },
  'application.correctionNotDue': { zh: '补正期限尚未届满，不能视为放弃申请（条例第三十条）', en: 'the correction period has not ended; the application cannot be deemed withdrawn yet (Art. 30)' },
  'application.extensionOnce': { zh: '已经延长过答复期限，延长期限最长不得超过20个工作日（条例第三十三条第二款）', en: 'the answer period was already extended; extensions total at most 20 working days (Art. 33(2))' },
  'application.extensionLate': { zh: '答复期限已届满，不能再延长（条例第三十三条第二款）', en: 'the answer period has already ended and cannot be extended (Art. 33(2))' },
  'application.feeNotDue': { zh: '缴费期限尚未届满（国办函〔2020〕109号）', en: 'the payment period has not ended (国办函〔2020〕109号)' },
  'application.oldDate': { zh: '日期早于合理范围，请核对；确认无误的，请勾选“确认日期无误”', en: 'the date is implausibly old; check it, and confirm it (confirmDate) if it is right' },
  'application.correctionBreaksHistory': { zh: '更正后，该申请已有的办理步骤不再合法，未作更正', en: 'after the correction an existing step of the application would be illegal; nothing was corrected' },
  'application.nothingCorrected': { zh: '更正内容与原登记内容相同', en: 'the correction changes nothing' },
  'application.hasReviews': { zh: '该申请已登记行政复议或行政诉讼，不能作废（表四按这些记录统计）', en: 'the case has review or litigation records and cannot be voided (table 四 counts them)' },
  'application.needsCorrection': { zh: '只有经过补正的申请才能以“补正后申请内容仍不明确”答复（条例第三十条）', en: 'only a corrected application can be answered as still unclear after correction (Art. 30)' },
  'site.logo': { zh: '标志图片不可用', en: 'the logo cannot be used' },
  'setup.closed': { zh: '已完成首次设置（已有账户），不能再次设置', en: 'set-up is done (an account exists) and cannot be run again' },
  'setup.token': { zh: '设置口令不正确：请使用服务器启动时在日志中显示的设置链接', en: 'wrong set-up token: use the set-up link the server printed in its log at start' },
  'approval.pending': { zh: '该申请已有待审核的办理步骤，请等待审核人审核', en: 'a step of this application is already awaiting approval' },
  'approval.notFound': { zh: '没有此待审核事项', en: 'no such approval' },
  'approval.decided': { zh: '该事项已经审核过', en: 'this proposal was already decided' },
  'approval.ownProposal': { zh: '不能审核自己提交的办理步骤', en: 'you cannot approve your own proposal' },
  'approval.commentRequired': { zh: '退回时请写明退回意见', en: 'say why the proposal is returned' },
  'review.invalid': { zh: '行政复议或行政诉讼记录有误', en: 'invalid review or litigation record' },
  'review.notFound': { zh: '没有此行政复议或行政诉讼记录', en: 'no such review or litigation record' },
  'review.decided': { zh: '该案件已经审结', en: 'the review or litigation is already decided' },
  'auth.required': { zh: '请先登录', en: 'please log in first' },
  'auth.invalid': { zh: '用户名或密码错误', en: 'wrong user name or password' },
  'auth.throttled': { zh: '登录失败次数过多，请稍后再试', en: 'too many failed logins; try again later' },
  'auth.forbidden': { zh: '您的角色无权执行此操作', en: 'your role may not do this' },
  'auth.csrf': { zh: '表单已过期或来源无法验证，请刷新页面后重试', en: 'the form expired or its origin could not be verified; reload and try again' },
  'user.invalid': { zh: '账户信息有误', en: 'invalid account data' },
  'user.weakPassword': { zh: '密码强度不足', en: 'the password is too weak' },
  'user.taken': { zh: '用户名已被使用', en: 'the user name is taken' },
  'user.notFound': { zh: '没有此账户', en: 'no such account' },
  'user.self': { zh: '不能停用自己的账户或更改自己的角色', en: 'you cannot disable your own account or change your own role' },
  'user.lastAdmin': { zh: '这是该机关唯一在用的管理员账户，不能停用或改为其他角色', en: 'this is the organisation\'s only active admin; it cannot be disabled or given another role' },
  'user.wrongPassword': { zh: '当前密码不正确', en: 'the current password is wrong' },
  'user.linkInvalid': { zh: '重设密码链接无效、已使用或已过期', en: 'the password reset link is invalid, used or expired' },
  'audit.broken': { zh: '审计日志的哈希链断裂：有记录被修改、插入或删除', en: 'the audit log hash chain is broken: an entry was edited, inserted or deleted' },
  'db.unreachable': { zh: '无法连接数据库', en: 'the database cannot be reached' },
  'storage.full': { zh: '服务器磁盘空间已满，本次提交未保存（未写入任何内容），请稍后重试或联系管理员', en: 'the server\'s disk is full: nothing of this request was saved; try again later or tell the administrator' },
  'storage.readOnly': { zh: '数据目录或数据库当前为只读，本次提交未保存（未写入任何内容），请联系管理员', en: 'the data folder or database is read-only now: nothing of this request was saved; tell the administrator' },
  'server.draining': { zh: '服务器正在停止（维护或重启），请稍后重试', en: 'the server is shutting down (maintenance or restart); try again shortly' },
  'metrics.forbidden': { zh: '监控指标只对本机或持有令牌（GONGKAI_METRICS_TOKEN）的请求开放', en: 'metrics are served only to this machine or to a request with the token (GONGKAI_METRICS_TOKEN)' },
  'db.migrationFailed': { zh: '数据库迁移失败', en: 'a database migration failed' },
  'db.sqliteOnly': { zh: '备份与恢复只适用于 SQLite；PostgreSQL 请使用 pg_dump / pg_restore', en: 'backup and restore are for SQLite only; use pg_dump / pg_restore for PostgreSQL' },
  'db.notGongkaiDatabase': { zh: '不是 gongkai 的 SQLite 数据库', en: 'not a gongkai SQLite database' },
  'cli.usage': { zh: '命令用法错误', en: 'wrong command usage' },
  'notFound': { zh: '未找到', en: 'not found' },
  'search.invalid': { zh: '检索条件有误', en: 'invalid search' },
  'page.cursor': { zh: '翻页标记无效（请使用上一页返回的 next）', en: 'invalid page cursor (use the `next` of the previous page)' },
  'page.offset': { zh: '按序号翻页（offset）已停用：请使用上一页返回的 next 作为 cursor', en: 'paging by offset is no longer supported: pass the previous page\'s `next` as `cursor`' },
  'request.rateLimited': { zh: '提交过于频繁，请一小时后再试', en: 'too many requests; try again in an hour' },
  'request.crossSite': { zh: '拒绝来自其他网站的提交', en: 'a submission from another website was refused' },
  'output.unwritable': { zh: '无法写入输出文件', en: 'the output file could not be written' },
  'config.invalid': { zh: '配置有误', en: 'invalid configuration' },
  'notify.smtpConnect': { zh: '无法连接邮件服务器', en: 'could not connect to the mail server' },
  'notify.smtpTimeout': { zh: '邮件服务器响应超时', en: 'the mail server did not answer in time' },
  'notify.smtpTls': { zh: '与邮件服务器建立加密连接（TLS）失败', en: 'the TLS connection to the mail server failed' },
  'notify.smtpStartTlsRequired': { zh: '已要求 STARTTLS，但邮件服务器不支持', en: 'STARTTLS is required but the mail server does not offer it' },
  'notify.smtpAuth': { zh: '邮件服务器拒绝了用户名或密码', en: 'the mail server refused the user name or password' },
  'notify.smtpAuthUnsupported': { zh: '邮件服务器不支持 PLAIN 或 LOGIN 认证', en: 'the mail server offers neither AUTH PLAIN nor LOGIN' },
  'notify.smtpRejected': { zh: '邮件服务器拒绝了该邮件', en: 'the mail server refused the message' },
  'notify.smtpTemporary': { zh: '邮件服务器暂时无法接收，稍后重试', en: 'the mail server is temporarily unable to accept the message; it will be retried' },
  'notify.smtpProtocol': { zh: '邮件服务器的应答不符合 SMTP 协议', en: 'the mail server answered outside the SMTP protocol' },
  'notify.smsFailed': { zh: '短信发送失败', en: 'the SMS could not be sent' },
  'catalog.invalid': { zh: '公开目录文件内容有误', en: 'invalid catalog document data' },
  'catalog.notFound': { zh: '没有此文件', en: 'no such document' },
  'catalog.illegalTransition': { zh: '该文件当前所处状态下不能执行此操作', en: 'this step is not allowed in the current state of the document' },
  'catalog.conflict': { zh: '该文件已被他人修改，请刷新后重试', en: 'the document was changed by someone else; reload and try again' },
  'catalog.fileTooLarge': { zh: '附件过大', en: 'the attachment is too large' },
  'catalog.fileType': { zh: '不支持的附件类型（支持 PDF、DOCX、XLSX、PNG、JPEG、GIF）', en: 'unsupported attachment type (PDF, DOCX, XLSX, PNG, JPEG and GIF are supported)' },
  'catalog.row': { zh: '导入表格中此行有误，未导入', en: 'this row of the imported table is invalid and was not imported' },
  'catalog.noRows': { zh: '表格中没有可导入的数据行', en: 'the table has no rows to import' },
  'catalog.validityDateMissing': { zh: '已导入的废止（失效、已修改）文件没有日期：表二不计入本年废止件数，也不计入现行有效件数', en: 'an imported repealed (expired, amended) document has no date: table 2 counts it neither as repealed in a year nor as in force' },
  'season.importRunning': { zh: '导入尚未完成', en: 'the season import is still running' },
  'season.noName': { zh: '未识别机关名称', en: 'no organisation name was read' },
  'season.notBelowParent': { zh: '所选机关不在本次导入的范围内', en: 'the organisation is not below the import\'s parent' },
  'season.placeFailed': { zh: '未能存入该报告', en: 'the report could not be stored' },
  'season.noFiles': { zh: '请选择要导入的文件（ZIP 压缩包，或多个报告文件）', en: 'choose the files to import (a ZIP archive or several report files)' },
  'season.tooManyFiles': { zh: '文件过多', en: 'too many files' },
  'catalog.alreadyReleased': { zh: '本申请公开的信息已纳入公开目录', en: 'the information of this application is already in the catalog' },
  'internal': { zh: '内部错误', en: 'internal error' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A located, coded problem: the value form of an expected failure. */
export interface Problem {
  readonly code: ErrorCode;
  /** Where: a dotted JSON path, `line:column`, a file name… empty when global. */
  readonly at: string;
  readonly messageZh: string;
  readonly message: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** Build a problem with the registry's messages, optionally refined by a detail in both languages. */
export function problem(
  code: ErrorCode,
  at: string,
  detail?: { zh: string; en: string },
  data?: Record<string, unknown>,
): Problem {
  const base = ERROR_CODES[code];
  return {
    code,
    at,
    messageZh: detail ? `${base.zh}：${detail.zh}` : base.zh,
    message: detail ? `${base.en}: ${detail.en}` : base.en,
    ...(data ? { data } : {}),
  };
}

/** One line, Chinese first: `at: 中文 / English`. */
export function formatProblem(p: Problem): string {
  return `${p.at ? `${p.at}: ` : ''}${p.messageZh} / ${p.message}`;
}

/** Thrown only across layers that cannot return values (e.g. a CLI command); carries problems. */
export class DomainError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'DomainError';
    this.problems = problems;
  }
  get code(): ErrorCode {
    return this.problems[0]?.code ?? 'input.unreadable';
  }
}
