/** The search operation in /openapi.json (spread into ../applications/openapi.ts). */
const str = (description: string) => ({ type: 'string', description });
const q = (name: string, description: string, schema: object = { type: 'string' }) => ({ name, in: 'query', schema, description });

export const SEARCH_PATHS = {
  '/api/catalog/search': {
    get: {
      summary: '政府信息公开目录全文检索（公开）：标题、正文、附件文字；未登录只检索已发布的文件，工作人员登录后检索本机关及下级机关的全部文件（含草稿）',
      security: [],
      parameters: [
        { ...q('q', '检索词：空格分隔的多个词须同时出现；两个汉字的词（低保、拆迁）和长短语均可'), required: true },
        q('org', '机关 id（含下级机关）'),
        q('from', '发布日期起（含）', { type: 'string', format: 'date' }),
        q('to', '发布日期止（含）', { type: 'string', format: 'date' }),
        q('item', '条例第二十条所列事项'),
        q('validity', '有效性：有效、失效、废止、已修改'),
        q('limit', '每页条数，1-100，缺省 20', { type: 'integer', minimum: 1, maximum: 100 }),
        q('cursor', '上一页返回的 nextCursor'),
        q('view', 'public：工作人员按公众视角检索（只看已发布的文件）', { enum: ['public'] }),
      ],
      responses: {
        200: {
          description: '按相关度（标题或文号命中 3、正文 2、附件 1）、再按发布日期从新到旧排列的一页结果',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  ok: { const: true },
                  nextCursor: { type: ['string', 'null'] },
                  items: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: {
                        id: str('文件 id'), title: str('标题'), titleHtml: str('标题（HTML，命中处以 <mark> 标出）'), snippetHtml: str('正文摘要（HTML，命中处以 <mark> 标出）'),
                        score: { type: 'integer', enum: [1, 2, 3] }, docNumber: { type: ['string', 'null'] }, organizationId: str('机关 id'),
                        writtenOn: { type: ['string', 'null'], format: 'date' }, publishedOn: { type: ['string', 'null'], format: 'date' },
                        item: { type: ['string', 'null'] }, validity: str('有效性'), status: str('状态：published 已发布；工作人员还可见 draft 等'), url: str('文件地址'),
                      },
                    },
                  },
                },
              },
            },
          },
        },
        400: { description: '检索条件有误（search.invalid）', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        404: { description: '工作人员检索本机关范围以外的机关（notFound）', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    },
  },
} as const;
