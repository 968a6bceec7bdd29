/** The catalog's paths in /openapi.json (merged into routes/applications/openapi.ts), from the vocabularies the code checks. */
import { DECISION_KINDS, DISCLOSURE_MODES, DOCUMENT_KINDS, DOCUMENT_STATES, REVIEW_CONCLUSIONS, VALIDITIES } from '../../../core/catalog/terms.ts';

const date = { type: 'string', format: 'date' } as const;
const err = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } } as const;
const body = (properties: Record<string, unknown>, required: string[] = []) => ({ required: true, content: { 'application/json': { schema: { type: 'object', properties, required } } } });
const q = (name: string, schema: object, description: string) => ({ name, in: 'query', required: false, schema, description });

const FIELDS = {
  organizationId: { type: 'string' },
  title: { type: 'string', maxLength: 300 },
  publisher: { type: 'string', maxLength: 200, description: '发布机构' },
  writtenOn: { ...date, description: '成文日期' },
  docNumber: { type: 'string', description: '文号' },
  topic: { type: 'string', description: '主题分类' },
  item: { type: 'string', pattern: '^(1[0-5]|[1-9])$', description: '条例第二十条第几项' },
  nodeId: { type: 'string', description: '公开目录栏目' },
  kind: { enum: [...DOCUMENT_KINDS] },
  disclosure: { enum: [...DISCLOSURE_MODES] },
  disclosureReason: { type: 'string', description: '依申请公开或不予公开的理由' },
  interprets: { type: 'string', description: '政策解读所解读的文件 id' },
  mediaUrl: { type: 'string', format: 'uri', description: '图解或视频链接' },
  body: { type: 'string', description: '正文（HTML，保存前按白名单清理）' },
  version: { type: 'integer', description: '乐观锁：当前版本，不一致时 409 catalog.conflict' },
};

export const CATALOG_PATHS = {
  '/api/catalog/documents': {
    get: {
      summary: '公开目录文件列表（未登录只含已发布；登录且 organization 在本机关范围内时含草稿）',
      security: [],
      parameters: [q('organization', { type: 'string' }, '机关 id（含下级）'), q('state', { enum: [...DOCUMENT_STATES] }, '状态'), q('item', { type: 'string' }, '第二十条第几项'), q('node', { type: 'string' }, '栏目'), q('kind', { enum: [...DOCUMENT_KINDS] }, '类别'), q('validity', { enum: [...VALIDITIES] }, '有效性'), q('year', { type: 'integer' }, '发布年度'), q('title', { type: 'string' }, '标题包含'), q('late', { const: '1' }, '只列逾期发布（条例第二十六条）'), q('page', { type: 'integer' }, '页码'), q('size', { type: 'integer', maximum: 200 }, '每页条数')],
      responses: { 200: { description: '文件' }, 400: err('参数有误') },
    },
    post: { summary: '拟稿（catalog.write）', requestBody: body(FIELDS, ['organizationId', 'title', 'publisher']), responses: { 201: { description: '草稿' }, 400: err('输入有误（catalog.invalid，逐字段）') } },
  },
  '/api/catalog/documents/{id}': {
    get: { summary: '文件（未登录只能看已发布的；保密审查记录只给本机关工作人员）', security: [], parameters: [id], responses: { 200: { description: '文件、附件、解读' }, 404: err('没有此文件') } },
    post: { summary: '修改草稿（已审查的回到拟稿）', parameters: [id], requestBody: body(FIELDS), responses: { 200: { description: '文件' }, 400: err('输入有误'), 404: err('没有此文件'), 409: err('状态不允许或版本已变') } },
  },
  '/api/catalog/documents/{id}/steps/{step}': {
    post: {
      summary: '办理步骤：submit 送审、review 保密审查（catalog.review）、publish 发布（catalog.publish，分配索引号）、amend 修改（生成新版本草稿）、repeal 废止、expire 失效',
      parameters: [id, { name: 'step', in: 'path', required: true, schema: { enum: ['submit', 'review', 'publish', 'amend', 'repeal', 'expire'] } }],
      requestBody: body({ version: FIELDS.version, conclusion: { enum: [...REVIEW_CONCLUSIONS] }, opinion: { type: 'string' }, reason: { type: 'string' }, publishedOn: date, on: date, by: { type: 'string', description: '废止该文件的文件（文号或标题）' } }),
      responses: { 200: { description: '文件' }, 400: err('输入有误'), 403: err('角色无权'), 404: err('没有此文件'), 409: err('状态不允许或版本已变') },
    },
  },
  '/api/catalog/documents/{id}/attachments': {
    post: {
      summary: '上传附件：请求体即文件（PDF、DOCX、XLSX、PNG、JPEG、GIF，≤ 50 MB，按内容识别类型），文件名在 ?name=',
      parameters: [id, q('name', { type: 'string' }, '文件名')],
      requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
      responses: { 201: { description: '附件' }, 409: err('已发布的文件不能加附件'), 413: err('文件过大'), 415: err('类型不支持') },
    },
  },
  '/api/catalog/organizations/{id}/tree': { get: { summary: '公开目录树（第二十条各项、基层政务公开标准目录领域）', security: [], parameters: [id], responses: { 200: { description: '栏目' }, 404: err('没有此机关') } } },
  '/api/catalog/organizations/{id}/decisions': {
    post: {
      summary: '导入表二的处理决定（CSV 或 XLSX，双公示导出表；任一行有误则整表不导入）',
      parameters: [id, q('kind', { enum: [...DECISION_KINDS] }, '无“类别”列时各行的类别'), q('source', { type: 'string' }, '来源（文件名）')],
      requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } },
      responses: { 201: { description: '导入条数' }, 422: err('有错误的行（catalog.row，逐行）'), 404: err('没有此机关') },
    },
  },
  '/api/catalog/organizations/{id}/import': {
    post: {
      summary: '导入原网站公开目录（catalog.publish；CSV 或 XLSX：索引号、标题、发布机构、成文日期、发布日期、文号、主题分类、事项、类别、有效性、链接、正文；导入为已发布文件；任一行有误则整表不导入；附件请用控制台页面或 gongkai catalog import）',
      parameters: [id, q('source', { type: 'string' }, '来源（文件名）')],
      requestBody: { required: true, content: { 'text/csv': { schema: { type: 'string' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } },
      responses: { 201: { description: '导入件数' }, 422: err('有错误的行（catalog.row，逐行）'), 404: err('没有此机关') },
    },
  },
  '/api/applications/{id}/release': {
    post: { summary: '依申请公开转主动公开（条例第四十四条，catalog.write）：以已答复“予以公开/部分公开”的申请生成公开目录草稿，与申请相互关联', parameters: [id], responses: { 201: { description: '草稿' }, 404: err('没有此申请'), 409: err('未予公开或已生成（catalog.illegalTransition、catalog.alreadyReleased）') } },
  },
  '/api/applications/{id}/published': {
    get: { summary: '与申请内容相符的已发布公开目录文件（条例第三十六条第一项：已主动公开的，告知获取方式和途径）', parameters: [id], responses: { 200: { description: '检索词与文件（含匹配的词）' }, 404: err('没有此申请') } },
  },
} as const;
