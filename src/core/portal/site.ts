/**
 * The site's identity, as every Chinese government website prints it at the foot of each page (《政府网站发展指引》
 * 国办发〔2017〕47号: 网站标识码, ICP备案编号, 公安机关备案号, 主办单位, 联系方式): set once at first-run set-up and
 * edited by an admin of the top organisation.
 */
import type { Parsed } from '../application/input.ts';
import { Reader } from '../application/input.ts';
import { checkIndexPattern } from '../catalog/index-number.ts';

export interface SiteSettings {
  /** The site's name in the header and page titles (e.g. 中原县人民政府信息公开). */
  readonly siteName: string;
  /** 主办单位. */
  readonly sponsor: string;
  /** 网站标识码: ten characters, assigned by the national government-website register (e.g. 4101220001). */
  readonly siteCode: string | null;
  /** ICP备案编号 (e.g. 豫ICP备12345678号). */
  readonly icp: string | null;
  /** 公安机关备案号 (e.g. 豫公网安备 41012202000123号). */
  readonly publicSecurity: string | null;
  /** 联系电话 / 地址 / 邮箱 shown in the footer. */
  readonly contact: string | null;
  /**
   * The pattern of the catalog's 索引号 (条例第十二条; core/catalog/index-number.ts), e.g. {code}/{year}-{seq:5};
   * null or absent: the default. Settings saved before it existed have none.
   */
  readonly indexPattern?: string | null;
}

/** The settings of a site not set up yet (demo mode prints these). */
export const DEMO_SITE: SiteSettings = {
  siteName: 'gongkai 政府信息公开（演示）',
  sponsor: '演示数据：中原县人民政府办公室（虚构）',
  siteCode: null,
  icp: null,
  publicSecurity: null,
  contact: null,
};

/** Read site settings from a form or JSON; problems located by field, Chinese first. */
export function parseSiteSettings(input: unknown): Parsed<SiteSettings> {
  const r = new Reader(input);
  const site: SiteSettings = {
    siteName: r.text('siteName', '网站名称', 60),
    sponsor: r.text('sponsor', '主办单位', 100),
    siteCode: r.optionalText('siteCode', '网站标识码', 20),
    icp: r.optionalText('icp', 'ICP备案编号', 50),
    publicSecurity: r.optionalText('publicSecurity', '公安机关备案号', 60),
    contact: r.optionalText('contact', '联系方式', 200),
    indexPattern: r.optionalText('indexPattern', '索引号格式', 80),
  };
  for (const p of site.indexPattern ? checkIndexPattern(site.indexPattern) : []) r.fail('indexPattern', p.messageZh.replace(/^[^：]*：/, ''), p.message.replace(/^[^:]*: /, ''));
  if (site.siteCode !== null && !/^[0-9A-Za-z]{10}$/.test(site.siteCode)) r.fail('siteCode', '网站标识码应为10位数字或字母', 'a site code has 10 digits or letters');
  if (site.icp !== null && !/ICP/i.test(site.icp)) r.fail('icp', 'ICP备案编号应形如“豫ICP备12345678号”', 'an ICP number looks like 豫ICP备12345678号');
  return r.problems.length > 0 ? { ok: false, problems: r.problems } : { ok: true, value: site };
}
