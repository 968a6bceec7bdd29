/**
 * 政府信息公开指南 (条例第十二条): how to apply to an organisation — the office that handles applications, its address,
 * hours, telephone, e-mail and the channels it accepts (条例第二十九条、第三十一条), and how the answer comes. Each
 * organisation's admin edits it; until then a default built from the statute is shown.
 */
import type { Parsed } from '../application/input.ts';
import { Reader } from '../application/input.ts';
import { ANSWER, CORRECTION_NOTICE, EXTENSION_MAX } from '../calendar/deadlines.ts';

export interface Guide {
  /** 政府信息公开工作机构 (e.g. 县人民政府办公室政务公开科). */
  readonly office: string;
  readonly address: string;
  readonly postcode: string | null;
  /** 办公时间. */
  readonly hours: string;
  readonly phone: string;
  readonly fax: string | null;
  readonly email: string | null;
  /** Free text: what else applicants should know (fees, special-law registers, …). */
  readonly notes: string | null;
}

/** The guide shown until the admin writes one. */
export function defaultGuide(organization: string): Guide {
  return {
    office: `${organization}政府信息公开工作机构`,
    address: '（请管理员填写办公地址）',
    postcode: null,
    hours: '法定工作日 上午8:30—12:00，下午14:30—17:30（法定节假日除外）',
    phone: '（请管理员填写咨询电话）',
    fax: null,
    email: null,
    notes: null,
  };
}

/** The fixed paragraphs of every guide: channels, what to write, the answer period — each from the statute. */
export const GUIDE_STATUTE = {
  channels: '可以通过本网站在线提交申请，也可以当面提交、邮寄或传真书面申请（条例第二十九条）。在线提交的，以提交成功之日为收到申请之日；邮寄的，以本机关签收之日为收到申请之日（条例第三十一条）。',
  contents: '申请应当包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；申请公开的政府信息的形式要求，包括获取信息的方式、途径（条例第二十九条第二款）。',
  answer: `本机关能够当场答复的当场答复；不能当场答复的，自收到申请之日起${ANSWER.workingDays}个工作日内答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过${EXTENSION_MAX.workingDays}个工作日（条例第三十三条）。`,
  correction: `申请内容不明确的，本机关将在收到申请之日起${CORRECTION_NOTICE.workingDays}个工作日内一次性告知需要补正的事项和合理的补正期限（条例第三十条）。`,
  fees: '行政机关依申请提供政府信息，不收取费用。但申请人申请公开政府信息的数量、频次明显超过合理范围的，可以收取信息处理费（条例第四十二条）。',
} as const;

/** Read a guide from a form; problems are located by field. */
export function parseGuide(input: unknown): Parsed<Guide> {
  const r = new Reader(input);
  const guide: Guide = {
    office: r.text('office', '政府信息公开工作机构', 100),
    address: r.text('address', '办公地址', 200),
    postcode: r.optionalText('postcode', '邮政编码', 6),
    hours: r.text('hours', '办公时间', 200),
    phone: r.text('phone', '咨询电话', 50),
    fax: r.optionalText('fax', '传真', 50),
    email: r.optionalText('email', '电子邮箱', 100),
    notes: r.optionalText('notes', '其他说明', 3000),
  };
  if (guide.postcode !== null && !/^\d{6}$/.test(guide.postcode)) r.fail('postcode', '邮政编码应为6位数字', 'a postcode has 6 digits');
  return r.problems.length > 0 ? { ok: false, problems: r.problems } : { ok: true, value: guide };
}
