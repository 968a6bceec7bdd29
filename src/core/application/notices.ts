/**
 * The written notices of a case (告知书), filled in from the case: 登记回执 (receipt), 补正告知书 (条例第三十条),
 * 延期答复告知书 (第三十三条第二款), 第三方意见征询函 / 征求意见函 (第三十二条、第三十四条), 收费通知 (第四十二条,
 * 国办函〔2020〕109号) and 政府信息公开申请答复书 for each answer category, citing its articles, with the remedies
 * (行政复议 within 60 days, 行政诉讼 within 6 months). Every period comes from its constant; nothing is retyped.
 * A notice is a structured document: formats/notices renders it to HTML and DOCX.
 */
import type { IsoDate } from '../calendar/dates.ts';
import { ANSWER, CORRECTION_NOTICE, FEE_PAYMENT, INTER_AGENCY_REPLY, THIRD_PARTY_REPLY } from '../calendar/deadlines.ts';
import type { Case } from './case.ts';
import type { CaseClock } from './clock.ts';
import { answerCategory, CHANNEL_LABELS, DELIVERY_ROUTE_LABELS, INFORMATION_FORM_LABELS } from './terms.ts';

/** 《中华人民共和国行政复议法》(2023 修订) 第二十条: review within 60 days of knowing of the act. */
export const REVIEW_PERIOD = { days: 60, law: '《中华人民共和国行政复议法》第二十条' } as const;
/** 《中华人民共和国行政诉讼法》第四十六条: suit within 6 months of knowing of the act. */
export const LITIGATION_PERIOD = { months: 6, law: '《中华人民共和国行政诉讼法》第四十六条' } as const;

export const NOTICE_KINDS = ['receipt', 'correction', 'extension', 'consultation', 'fee', 'answer'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_TITLES: Readonly<Record<NoticeKind, string>> = {
  receipt: '政府信息公开申请登记回执',
  correction: '政府信息公开申请补正告知书',
  extension: '政府信息公开申请延期答复告知书',
  consultation: '政府信息公开第三方意见征询函',
  fee: '政府信息公开信息处理费收费通知',
  answer: '政府信息公开申请答复书',
};

const ABBR: Readonly<Record<NoticeKind, string>> = { receipt: '登', correction: '补', extension: '延', consultation: '征', fee: '费', answer: '答' };

export interface Notice {
  readonly kind: NoticeKind;
  readonly title: string;
  /** 文号, e.g. 〔2025〕依申答第000123号. */
  readonly docNumber: string;
  /** 称谓 (抬头). */
  readonly addressee: string;
  readonly paragraphs: readonly string[];
  /** 发文机关署名. */
  readonly signature: string;
  /** 成文日期 in Chinese numerals (二〇二五年十一月三日). */
  readonly date: string;
  /** Whether the applicant receives it (shown on the tracking page). */
  readonly toApplicant: boolean;
}

const DIGITS = '〇一二三四五六七八九';
const cnNumber = (n: number): string => (n <= 10 ? (n === 10 ? '十' : DIGITS[n] ?? '') : n < 20 ? `十${DIGITS[n - 10]}` : `${DIGITS[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : DIGITS[n % 10]}`);

/** 2025-11-03 → 二〇二五年十一月三日 (GB/T 9704 成文日期). */
export function chineseDate(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${[...(y ?? '')].map((ch) => DIGITS[Number(ch)] ?? ch).join('')}年${cnNumber(Number(m))}月${cnNumber(Number(d))}日`;
}

/** 2025-11-03 → 2025年11月3日 (dates inside the text). */
const textDate = (date: IsoDate): string => {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** The notices the case's history allows, in the order they arise. */
export function availableNotices(c: Case): NoticeKind[] {
  const out: NoticeKind[] = ['receipt'];
  if (c.correction) out.push('correction');
  if (c.consultations.length > 0) out.push('consultation');
  if (c.extension) out.push('extension');
  if (c.fee) out.push('fee');
  if (c.answer) out.push('answer');
  return out;
}

const remedy = (reviewBody: string): string =>
  `如对本答复不服，可以自收到本答复之日起${REVIEW_PERIOD.days}日内向${reviewBody}申请行政复议，或者自收到本答复之日起${LITIGATION_PERIOD.months}个月内向有管辖权的人民法院提起行政诉讼（${REVIEW_PERIOD.law}、${LITIGATION_PERIOD.law}）。`;

/** The paragraph that states the decision of an answer, by category. */
function decision(category: string): string {
  const cat = answerCategory(category);
  // In the notice the statute is named in full: 《中华人民共和国政府信息公开条例》第三十七条.
  const articles = (cat?.articles ?? '').replace(/^条例/, '《中华人民共和国政府信息公开条例》');
  switch (category) {
    case 'granted':
      return `经审查，你（单位）申请获取的政府信息属于公开范围。根据${articles}的规定，本机关予以公开，现将该政府信息提供给你（单位）。`;
    case 'partiallyGranted':
      return `经审查，你（单位）申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据${articles}的规定，本机关对可以公开的部分予以提供，并对不予公开的内容说明理由。`;
    case 'unavailable.notHeld':
      return `经检索查找，本机关未制作或者获取你（单位）申请的政府信息。根据${articles}的规定，告知如下：该政府信息不存在或者不属于本机关负责公开；能够确定负责公开的机关的，已在下文告知其名称、联系方式。`;
    case 'unavailable.needsCreation':
      return `经审查，你（单位）申请获取的政府信息需要本机关对现有政府信息进行加工、分析。根据${articles}的规定，本机关可以不予提供。`;
    case 'unavailable.stillUnclear':
      return `本机关已依法告知你（单位）补正申请，补正后的申请内容仍不明确，无法确定所需的政府信息。根据${articles}的规定，本机关无法提供。`;
    default:
      if (category.startsWith('denied.')) return `经审查，你（单位）申请获取的政府信息属于${(cat?.zh ?? '').replace('不予公开：', '')}的情形。根据${articles}的规定，本机关不予公开。`;
      if (category.startsWith('notProcessed.')) return `经审查，你（单位）的申请属于${(cat?.zh ?? '').replace('不予处理：', '')}的情形。根据${articles}的规定，本机关不予处理。`;
      return `经审查，根据${articles}的规定，本机关对你（单位）的申请作如下处理。`;
  }
}

export interface NoticeContext {
  /** The organisation's name (发文机关). */
  readonly organization: string;
  /** Where a review is applied for (复议机关), e.g. 中原县人民政府 for a department; default "本级人民政府". */
  readonly reviewBody?: string;
  readonly clock: CaseClock;
}

/** Build a notice of `kind` for the case; null when its history has no such notice. */
export function buildNotice(kind: NoticeKind, c: Case, ctx: NoticeContext): Notice | null {
  if (!availableNotices(c).includes(kind)) return null;
  const year = c.receivedOn.slice(0, 4);
  const seq = c.number.split('-')[1] ?? c.number;
  const base = { kind, title: NOTICE_TITLES[kind], docNumber: `〔${year}〕依申${ABBR[kind]}第${seq}号`, signature: ctx.organization, toApplicant: kind !== 'consultation' };
  const who = `${c.applicant.name}：`;
  const received = `你（单位）于${textDate(c.receivedOn)}以${CHANNEL_LABELS[c.channel].zh}方式向本机关提出的政府信息公开申请（申请编号：${c.number}）`;
  const asked = `你（单位）申请获取“${c.request.description}”${c.request.documentNumber ? `（文号：${c.request.documentNumber}）` : ''}。`;
  const due = ctx.clock.answer?.ok && ctx.clock.answer.answerDue.ok ? ctx.clock.answer.answerDue : null;
  // A date counted over a year whose holiday notice is not out yet says so (暂定), in the notice's own words.
  const answerDue = due
    ? `${textDate(due.date)}${due.provisional ? `（暂定：${(due.provisionalYears ?? []).join('、')}年节假日安排尚未公布，按《全国年节及纪念日放假办法》推算，公布后以正式安排为准）` : ''}`
    : null;
  switch (kind) {
    case 'receipt':
      return {
        ...base,
        addressee: who,
        date: chineseDate(c.receivedOn),
        paragraphs: [
          `${received}已收到。${asked}`,
          `根据《中华人民共和国政府信息公开条例》第三十一条的规定，本机关收到申请之日为${textDate(c.receivedOn)}。本机关将自收到申请之日起${ANSWER.workingDays}个工作日内予以答复${answerDue ? `（即不迟于${answerDue}）` : ''}；需要延长答复期限的，将另行告知，延长的期限最长不超过${ANSWER.workingDays}个工作日（条例第三十三条）。征求第三方和其他机关意见所需时间不计算在答复期限内。`,
          `你（单位）要求以${INFORMATION_FORM_LABELS[c.request.form]}形式、通过${DELIVERY_ROUTE_LABELS[c.request.delivery]}方式获取信息。`,
        ],
      };
    case 'correction': {
      const k = c.correction;
      if (!k) return null;
      return {
        ...base,
        addressee: who,
        date: chineseDate(k.requestedOn),
        paragraphs: [
          `${received}收悉。${asked}`,
          `经审查，你（单位）的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，本机关在收到申请之日起${CORRECTION_NOTICE.workingDays}个工作日内一次性告知你（单位）作出补正，需要补正的事项如下：${k.items}`,
          `请于${textDate(k.replyBy)}前补正。答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。`,
        ],
      };
    }
    case 'extension': {
      const e = c.extension;
      if (!e) return null;
      return {
        ...base,
        addressee: who,
        date: chineseDate(e.on),
        paragraphs: [
          `${received}收悉。${asked}`,
          `因${e.reason}，本机关不能在规定期限内作出答复。根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关政府信息公开工作机构负责人（${e.approvedBy}）同意，答复期限延长${e.days}个工作日${answerDue ? `，本机关将于${answerDue}前作出答复` : ''}。`,
          '特此告知。',
        ],
      };
    }
    case 'consultation': {
      const k = c.consultations.at(-1);
      if (!k) return null;
      const third = k.kind === 'thirdParty';
      const period = third ? THIRD_PARTY_REPLY : INTER_AGENCY_REPLY;
      return {
        ...base,
        title: third ? NOTICE_TITLES.consultation : '政府信息公开征求意见函',
        addressee: `${k.party}：`,
        date: chineseDate(k.sentOn),
        paragraphs: [
          `本机关于${textDate(c.receivedOn)}收到政府信息公开申请（申请编号：${c.number}），申请获取“${c.request.description}”。`,
          third
            ? `经审查，该信息可能损害你方合法权益。根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求你方意见。请自收到本函之日起${period.workingDays}个工作日内提出意见；逾期未提出意见的，由本机关依照条例的规定决定是否公开。你方合理理由不同意公开的，本机关不予公开；但本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的内容和理由书面告知你方。`
            : `该信息由本机关与你单位共同制作。根据《中华人民共和国政府信息公开条例》第三十四条的规定，现征求你单位意见。请自收到本函之日起${period.workingDays}个工作日内提出意见；逾期未提出意见的，视为同意公开。`,
          '请将书面意见寄送本机关政府信息公开工作机构。',
        ],
      };
    }
    case 'fee': {
      const f = c.fee;
      if (!f) return null;
      return {
        ...base,
        addressee: who,
        date: chineseDate(f.noticeOn),
        paragraphs: [
          `${received}收悉。${asked}`,
          `经审查，你（单位）申请公开政府信息的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关${f.basis === 'perApplication' ? '按件' : '按量'}收取信息处理费人民币${f.amount.toFixed(2)}元。`,
          `请自收到本通知之日起${FEE_PAYMENT.workingDays}个工作日内缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。缴费期间不计算在答复期限内。`,
        ],
      };
    }
    case 'answer': {
      const a = c.answer;
      if (!a) return null;
      return {
        ...base,
        addressee: who,
        date: chineseDate(a.on),
        paragraphs: [`${received}收悉。${asked}`, decision(a.category), a.text, remedy(ctx.reviewBody ?? '本级人民政府')],
      };
    }
  }
}
