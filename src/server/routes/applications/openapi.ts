/**
 * /openapi.json: the applications API described in OpenAPI 3.1, built from the same vocabularies the code checks
 * against (states, channels, applicant types, answer categories, steps), so the document cannot drift from them.
 */
import { APPROVABLE } from '../../../core/application/approval.ts';
import { CASE_STATES } from '../../../core/application/case.ts';
import { COMMANDS, COMMAND_KINDS, type CommandKind } from '../../../core/application/commands.ts';
import { COMMON_STEP_FIELDS, STEP_FIELDS, choiceValues, type StepField } from '../../../core/application/step-fields.ts';
import { REVIEW_GROUPS } from '../../../core/application/review.ts';
import { APPLICANT_TYPES, CHANNELS, DELIVERY_ROUTES, ID_TYPES, INFORMATION_FORMS } from '../../../core/application/terms.ts';
import { ERROR_CODES } from '../../../core/errors.ts';
import { CATALOG_PATHS } from '../catalog/openapi.ts';
import { SEARCH_PATHS } from '../search/openapi.ts';

const date = { type: 'string', format: 'date', example: '2025-11-03' } as const;
const text = (max: number, description?: string) => ({ type: 'string', maxLength: max, ...(description ? { description } : {}) });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json(ref('Error')) });
const idParam = (name: string, description: string) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description });

/** A step field's JSON Schema, from its description (core/application/step-fields.ts). */
function fieldSchema(f: StepField): Record<string, unknown> {
  const description = f.hint ? `${f.label}（${f.hint}）` : f.label;
  switch (f.kind) {
    case 'text':
      return text(f.max, description);
    case 'date':
      return { ...date, description };
    case 'integer':
      return { type: 'integer', minimum: f.min, maximum: f.max, description };
    case 'amount':
      return { type: 'number', exclusiveMinimum: 0, description };
    case 'choice':
      return { enum: choiceValues(f), description };
  }
}

const stepSchema = (kind: CommandKind) => {
  const spec = STEP_FIELDS[kind];
  // Fields set from the acting account (批准人, 审核人) are not part of the body.
  const fields = [...COMMON_STEP_FIELDS, ...spec.fields].filter((f) => !f.fromAccount);
  return {
    type: 'object',
    description: COMMANDS[kind].zh,
    properties: {
      ...Object.fromEntries(fields.map((f) => [f.key, fieldSchema(f)])),
      confirmDate: { type: 'boolean', description: '办理日期早于今天 30 天以上时须为 true（确认日期无误）' },
      version: { type: 'integer', description: '乐观锁：案件当前版本，不一致时返回 409 application.conflict' },
    },
    required: fields.filter((f) => f.kind !== 'text' || f.required || (f.key === 'reason' && spec.reasonRequired !== undefined)).map((f) => f.key),
  };
};

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'gongkai 政府信息公开申请办理 API',
    version: '1.0.0',
    description: '依申请公开案件的登记、办理步骤（补正、征求意见、延期、收费、答复、送达、撤回）、期限与计算明细、行政复议和行政诉讼记录，以及按机关和年度从案件生成年度报告表三、表四。工作人员登录后使用（Cookie 会话 + X-CSRF-Token），只能看到本机关及下级机关的数据；其他机关的记录一律回答 404。未登录回答 401，角色无权回答 403。错误统一为 { ok: false, error, message, messageZh, data }。',
  },
  // Every operation needs the session cookie, and a change the CSRF token, unless it says `security: []`.
  security: [{ session: [], csrf: [] }],
  paths: {
    ...SEARCH_PATHS,
    '/openapi.json': { get: { summary: '本接口说明', security: [], responses: { 200: { description: 'OpenAPI 3.1' } } } },
    ...CATALOG_PATHS,
    // Public operations (no login): published reports, and the portal's guide, online application and tracking.
    '/api/reports': { get: { summary: '已公开的年度报告列表（公开）', security: [], responses: { 200: { description: '报告及其校验结果摘要' } } } },
    '/api/reports/{id}': { get: { summary: '一份已公开的年度报告（标准 JSON 与校验结果，公开）', security: [], parameters: [idParam('id', '报告 id')], responses: { 200: { description: '报告' }, 404: error('没有此报告') } } },
    '/portal/{org}': { get: { summary: '政府信息公开指南（公开，HTML）', security: [], parameters: [idParam('org', '机关 id')], responses: { 200: { description: '指南页面' }, 404: error('没有此机关') } } },
    '/portal/{org}/apply': {
      post: {
        summary: '在线提交政府信息公开申请（公开，表单）：条例第二十九条所列内容，提交成功之日为收到申请之日',
        security: [],
        parameters: [idParam('org', '受理机关 id')],
        requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', description: '字段名为 applicant.type、applicant.name、applicant.idType、applicant.idNumber、applicant.phone、applicant.email、applicant.address、applicant.postcode、applicant.contactPerson、request.description、request.documentNumber、request.form、request.delivery' } } } },
        responses: { 201: { description: '已提交：页面显示申请编号和查询码（只显示一次）' }, 400: { description: '表单有误：原表单连同逐项提示' }, 429: { description: '同一地址提交过于频繁' } },
      },
    },
    '/portal/track': {
      post: {
        summary: '凭申请编号和查询码查询办理进度（公开，表单）',
        security: [],
        requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { number: { type: 'string' }, code: { type: 'string' } }, required: ['number', 'code'] } } } },
        responses: { 200: { description: '办理状态、日期、期限和给申请人的告知书' }, 404: { description: '申请编号或查询码不正确（不区分哪一个）' }, 429: { description: '失败次数过多' } },
      },
    },
    '/api/session': {
      post: {
        summary: '登录（工作人员）',
        security: [],
        requestBody: { required: true, ...json({ type: 'object', properties: { username: text(64), password: text(200) }, required: ['username', 'password'] }) },
        responses: { 200: { description: '已登录：设置 gk_session Cookie（HttpOnly，SameSite=Lax）与已知设备 Cookie gk_device，返回 csrfToken' }, 401: error('用户名或密码错误（auth.invalid）'), 429: error('失败次数过多（auth.throttled；data.scope 为 account：该账户已锁定，或 address：该地址受限且本浏览器不是该账户的已知设备）') },
      },
      get: { summary: '当前用户与 CSRF 令牌', responses: { 200: { description: '当前用户' }, 401: error('未登录') } },
      delete: { summary: '退出登录', responses: { 200: { description: '已退出' }, 401: error('未登录') } },
    },
    '/api/applications': {
      post: {
        summary: '登记政府信息公开申请',
        requestBody: { required: true, ...json(ref('Registration')) },
        responses: { 201: { description: '已登记；返回案件及其期限', ...json(ref('CaseView')) }, 400: error('输入有误（application.invalid，按字段定位），未写入任何数据'), 413: error('请求体过大') },
      },
      get: {
        summary: '案件列表（按期限排序，可筛选）',
        parameters: [
          { name: 'organization', in: 'query', schema: { type: 'string' }, description: '机关 id（含下级机关）；缺省为全部' },
          { name: 'state', in: 'query', schema: { type: 'string' }, description: `逗号分隔：${CASE_STATES.join(', ')}` },
          { name: 'overdue', in: 'query', schema: { enum: ['1', 'true'] }, description: '只列已超期的在办案件' },
          { name: 'dueBefore', in: 'query', schema: date },
          { name: 'dueOnOrBefore', in: 'query', schema: date },
          { name: 'receivedFrom', in: 'query', schema: date },
          { name: 'receivedTo', in: 'query', schema: date },
          { name: 'order', in: 'query', schema: { enum: ['due', 'received'] } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
          { name: 'cursor', in: 'query', schema: { type: 'string' }, description: '翻页：上一页返回的 next（与 order 对应）；无效 → 400 page.cursor' },
          { name: 'offset', in: 'query', schema: { const: 0 }, deprecated: true, description: '已停用：除 0 外 → 400 page.offset，请用 cursor' },
        ],
        responses: { 200: { description: '列表', ...json({ type: 'object', properties: { ok: { const: true }, today: date, total: { type: 'integer' }, totalCapped: { const: true, description: '按期限、收到日期或“我办理的”筛选时最多计数 10,000 件；超出时 total 为下限' }, items: { type: 'array', items: ref('CaseSummary') }, next: { type: ['string', 'null'], description: '下一页的 cursor；最后一页为 null' } } }) }, 400: error('筛选条件或翻页标记有误'), 404: error('没有此机关') },
      },
    },
    '/api/applications/{id}': {
      get: { summary: '案件详情：时间线、期限、期限计算明细、可执行的步骤、复议诉讼', parameters: [idParam('id', '案件 id')], responses: { 200: { description: '案件', ...json(ref('CaseView')) }, 404: error('没有此申请') } },
    },
    ...Object.fromEntries(
      COMMAND_KINDS.map((kind) => [
        `/api/applications/{id}/steps/${kind}`,
        {
          post: {
            summary: `办理步骤：${COMMANDS[kind].zh}`,
            parameters: [idParam('id', '案件 id')],
            requestBody: { required: true, ...json(stepSchema(kind)) },
            responses: {
              200: { description: '已办理；返回案件（审核人、管理员作出答复或延期时，本人即审核人/批准人）', ...json(ref('CaseView')) },
              ...((APPROVABLE as readonly string[]).includes(kind) ? { 202: { description: '办理人提交审核：进入审核人的待审核列表，批准后生效（不能自行指定审核人）' } } : {}),
              400: error('输入有误，未写入'),
              404: error('没有此申请'),
              409: error('当前状态不允许此步骤或违反条例（如补正超期、重复延期、版本冲突），或已有待审核的步骤'),
            },
          },
        },
      ]),
    ),
    '/api/applications/{id}/correct': {
      post: {
        summary: '更正登记内容（审核人、管理员）：申请方式、收到申请之日、申请人、申请内容；按更正后的登记重新核验全部办理步骤并重算期限，原登记保留在办理记录中',
        parameters: [idParam('id', '案件 id')],
        requestBody: {
          required: true,
          ...json({
            type: 'object',
            properties: {
              channel: { enum: [...CHANNELS] },
              receivedOn: { ...date, description: '收到申请之日（更正后）' },
              applicant: { type: 'object', description: '只需写要更正的字段，其余沿用原登记' },
              request: { type: 'object', description: '只需写要更正的字段，其余沿用原登记' },
              reason: text(1000, '更正理由（必填）'),
              confirmDate: { type: 'boolean', description: '收到申请之日早于今天 30 天以上时须为 true（确认日期无误）' },
              version: { type: 'integer', description: '乐观锁：案件当前版本' },
            },
            required: ['reason'],
          }),
        },
        responses: {
          200: { description: '已更正；返回案件', ...json(ref('CaseView')) },
          400: error('输入有误（application.invalid 按字段定位；application.oldDate 须确认日期；application.nothingCorrected），未写入'),
          403: error('无权更正（办理人、监督）或 CSRF 校验失败'),
          404: error('没有此申请'),
          409: error('更正后已有办理步骤不合法（application.correctionBreaksHistory，data 中为步骤序号和原因），已作废，或版本冲突；均未写入'),
        },
      },
    },
    '/api/applications/{id}/void': {
      post: {
        summary: '作废误登记的申请（审核人、管理员）：保留申请编号（不再使用），不再办理，不计入年度报告表三、表四和待办列表',
        parameters: [idParam('id', '案件 id')],
        requestBody: { required: true, ...json({ type: 'object', properties: { reason: text(1000, '作废理由（必填，如重复登记、测试数据）'), version: { type: 'integer' } }, required: ['reason'] }) },
        responses: { 200: { description: '已作废；返回案件', ...json(ref('CaseView')) }, 400: error('未填写理由'), 403: error('无权作废'), 404: error('没有此申请'), 409: error('已作废，或版本冲突') },
      },
    },
    '/api/approvals': {
      get: { summary: '待审核列表：本机关及下级机关办理人提交的答复和延期（审核人、管理员）', responses: { 200: { description: '待审核事项，先提交的在前' }, 403: error('无审核权限') } },
    },
    '/api/approvals/{id}/approve': {
      post: { summary: '批准：该步骤即生效，记录审核人/批准人（条例第三十三条第二款）', parameters: [idParam('id', '待审核事项 id')], requestBody: { required: false, ...json({ type: 'object', properties: { comment: text(1000, '审核意见') } }) }, responses: { 200: { description: '已批准；返回案件', ...json(ref('CaseView')) }, 403: error('无审核权限，或审核自己提交的事项'), 404: error('没有此事项'), 409: error('已审核过，或案件状态已变') } },
    },
    '/api/approvals/{id}/return': {
      post: { summary: '退回（须写明退回意见）', parameters: [idParam('id', '待审核事项 id')], requestBody: { required: true, ...json({ type: 'object', properties: { comment: text(1000, '退回意见') }, required: ['comment'] }) }, responses: { 200: { description: '已退回' }, 400: error('未写退回意见'), 403: error('无审核权限'), 404: error('没有此事项'), 409: error('已审核过') } },
    },
    '/api/applications/{id}/reviews': {
      post: { summary: '登记行政复议或行政诉讼（条例第五十一条）', parameters: [idParam('id', '案件 id')], requestBody: { required: true, ...json(ref('NewReview')) }, responses: { 201: { description: '已登记' }, 400: error('输入有误或案件尚未办结'), 404: error('没有此申请') } },
    },
    '/api/reviews/{id}/decision': {
      post: { summary: '登记复议或诉讼结果', parameters: [idParam('id', '复议诉讼记录 id')], requestBody: { required: true, ...json({ type: 'object', properties: { decidedOn: date, outcome: { enum: ['upheld', 'corrected', 'other'] } }, required: ['decidedOn', 'outcome'] }) }, responses: { 200: { description: '已登记结果' }, 400: error('输入有误'), 404: error('没有此记录'), 409: error('已经审结') } },
    },
    '/api/organizations': {
      get: { summary: '机关列表（上级在前）', responses: { 200: { description: '机关' } } },
      post: { summary: '新建机关', requestBody: { required: true, ...json({ type: 'object', properties: { name: text(100), kind: { enum: ['government', 'department', 'office'] }, parentId: { type: ['string', 'null'] }, code: { type: ['string', 'null'] } }, required: ['name', 'kind'] }) }, responses: { 201: { description: '已创建' }, 400: error('输入有误') } },
    },
    '/api/organizations/{id}/tables/{year}': {
      get: { summary: '由案件生成的年度报告（表三、表四；含下级机关），及其校验结果', parameters: [idParam('id', '机关 id'), idParam('year', '年度')], responses: { 200: { description: '报告 JSON（gongkai.annual-report/1）与校验发现' }, 400: error('年度有误'), 404: error('没有此机关') } },
    },
    '/api/organizations/{id}/tables/{year}/cells/{table}/{cell}': {
      get: {
        summary: '单元格下钻：该单元格所计的案件（表三）或复议诉讼记录（表四）',
        parameters: [idParam('id', '机关 id'), idParam('year', '年度'), { name: 'table', in: 'path', required: true, schema: { enum: ['proactive', 'applications', 'reviewLitigation'] } }, idParam('cell', '单元格路径，如 denied.stateSecret.natural、total.total、review.pending'), { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1000 } }, { name: 'cursor', in: 'query', schema: { type: 'string' }, description: '表三、表四（表二亦同）：上一页返回的 next（同一单元格）；无效 → 400 page.cursor' }],
        responses: { 200: { description: '案件、记录、文件或决定，每页 limit 条；next 为下一页的 cursor（最后一页为 null），total 即表中该单元格的数' }, 400: error('没有此单元格'), 404: error('没有此机关') },
      },
    },
  },
  components: {
    securitySchemes: {
      session: { type: 'apiKey', in: 'cookie', name: 'gk_session', description: '登录后设置的会话 Cookie' },
      csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: '登录时返回的 csrfToken；所有修改数据的请求必须携带' },
    },
    schemas: {
      Error: { type: 'object', properties: { ok: { const: false }, error: { enum: Object.keys(ERROR_CODES) }, message: { type: 'string' }, messageZh: { type: 'string' }, data: { type: 'object' } }, required: ['ok', 'error', 'message', 'messageZh'] },
      Registration: {
        type: 'object',
        description: '条例第二十九条所列申请内容；收到申请之日按第三十一条确定',
        properties: {
          organizationId: { type: 'string' },
          channel: { enum: [...CHANNELS] },
          receivedOn: date,
          confirmDate: { type: 'boolean', description: '收到申请之日早于今天 30 天以上时须为 true（确认日期无误，记入审计日志）；早于 2019-05-15 的不予登记' },
          applicant: {
            type: 'object',
            properties: { type: { enum: [...APPLICANT_TYPES] }, name: text(100), idType: { enum: [...ID_TYPES] }, idNumber: text(40), contactPerson: text(50), phone: text(40), email: text(100), address: text(200), postcode: text(6) },
            required: ['type', 'name', 'idType', 'idNumber'],
          },
          request: {
            type: 'object',
            properties: { description: text(2000), documentNumber: text(100), purpose: text(500), form: { enum: [...INFORMATION_FORMS] }, delivery: { enum: [...DELIVERY_ROUTES] } },
            required: ['description', 'form', 'delivery'],
          },
        },
        required: ['organizationId', 'channel', 'receivedOn', 'applicant', 'request'],
      },
      NewReview: { type: 'object', properties: { group: { enum: [...REVIEW_GROUPS] }, body: text(100, '复议机关或人民法院'), reference: text(100, '案号'), filedOn: date, note: text(1000) }, required: ['group', 'body', 'filedOn'] },
      CaseSummary: { type: 'object', properties: { id: { type: 'string' }, number: { type: 'string' }, state: { enum: [...CASE_STATES] }, applicantName: { type: 'string' }, receivedOn: date, nextDue: { type: ['object', 'null'] } } },
      CaseView: { type: 'object', properties: { ok: { const: true }, case: { type: 'object' }, deadlines: { type: 'object' }, proof: { type: ['object', 'null'] }, timeline: { type: 'array' }, available: { type: 'array' }, reviews: { type: 'array' }, messages: { type: 'array', description: '发送给申请人的通知及其发送状态（queued 待发送、sent 已发送、failed 发送失败、unsent 未发送）、尝试次数和失败原因 / the notifications sent to the applicant with their delivery state, attempts and failure reason' } } },
    },
  },
} as const;
