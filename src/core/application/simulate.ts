/**
 * Plausible case histories for demo data, property tests and benchmarks: a county office's year of applications —
 * residents asking about 征地补偿 and 拆迁, firms about 招标 and 行政处罚, lawyers about 执法案卷 — each driven through
 * the real state machine (`decide`), so every history is one the statute allows. Deterministic for a seed; stops a
 * case at whatever step falls after `today`, so open cases exist in every state.
 */
import type { WorkingDayCalendar } from '../calendar/calendar.ts';
import { addDays, daysBetween, type IsoDate } from '../calendar/dates.ts';
import { addWorkingDays } from '../calendar/working-days.ts';
import type { Rng } from '../annual-report/generate.ts';
import type { Case } from './case.ts';
import type { Command } from './commands.ts';
import type { Registration } from './input.ts';
import { decide, register, type CaseEvent, type DecideContext } from './transitions.ts';
import type { ApplicantType, Channel } from './terms.ts';

/** Omit that keeps a union a union. */
type StepOf<T> = T extends unknown ? Omit<T, 'on' | 'actor' | 'reason'> & { reason?: string | null; actor?: string } : never;

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
const chance = (rng: Rng, p: number): boolean => rng() < p;

/** Weighted choice: [value, weight] pairs. */
function weighted<T>(rng: Rng, pairs: readonly (readonly [T, number])[]): T {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let x = rng() * total;
  for (const [v, w] of pairs) {
    x -= w;
    if (x < 0) return v;
  }
  return (pairs.at(-1) as readonly [T, number])[0];
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '建国', '桂英', '志强', '海燕'];
const FIRMS: Readonly<Record<Exclude<ApplicantType, 'natural'>, readonly string[]>> = {
  commercial: ['河南中原建工集团有限公司', '郑州恒信商贸有限公司', '洛阳新材料科技股份有限公司', '开封宏达物流有限公司', '新乡市天润置业有限公司'],
  research: ['河南省社会科学院城市发展研究所', '郑州大学公共管理学院课题组', '中原农业科学研究院'],
  publicInterest: ['河南省绿色环保志愿者协会', '中原消费者权益保护公益服务中心', '郑州市慈善总会'],
  legalService: ['河南天正律师事务所', '北京大成（郑州）律师事务所', '河南豫法律师事务所', '郑州市金水区法律援助中心'],
  other: ['某村村民委员会', '某小区业主委员会', '某县个体劳动者协会'],
};
const REQUESTS: Readonly<Record<ApplicantType, readonly string[]>> = {
  natural: [
    '申请公开本人所在村（社区）集体土地征收的征地批复文件及征地补偿安置方案',
    '申请公开本人房屋所在片区的国有土地上房屋征收决定及补偿方案',
    '申请公开2023年度本县城乡居民最低生活保障资金发放明细（本人所在乡镇）',
    '申请公开本人被行政处罚一案的行政处罚决定书及调查笔录',
    '申请公开某道路拓宽改造工程的立项批复和环境影响评价文件',
    '申请公开本县2024年度义务教育阶段学校招生划片范围的制定依据',
    '申请公开本人承包土地确权登记颁证的相关档案材料',
  ],
  commercial: [
    '申请公开某政府采购项目的评标委员会评审意见及中标结果公告依据',
    '申请公开本公司被处罚一案的执法检查记录',
    '申请公开某地块国有建设用地使用权出让的规划条件',
  ],
  research: ['申请公开2019年至2023年本县财政专项资金绩效评价报告', '申请公开本县近五年政府信息公开申请办理情况统计数据'],
  publicInterest: ['申请公开辖区内重点排污单位2023年度污染物排放监测数据', '申请公开某河道整治工程的环境影响评价批复'],
  legalService: ['受当事人委托，申请公开某房屋征收项目的征收范围红线图及社会稳定风险评估报告', '申请公开某行政强制拆除决定的作出依据及审批材料'],
  other: ['申请公开本村2023年度村级集体经济项目财政补助资金使用情况', '申请公开本小区周边规划调整的批前公示材料'],
};
const THIRD_PARTIES = ['河南中原建工集团有限公司', '郑州恒信商贸有限公司', '某房地产开发有限公司', '某村民委员会'];
const AGENCIES = ['县自然资源局', '县生态环境分局', '县财政局', '县住房和城乡建设局'];

const ANSWER_MIX: readonly (readonly [string, number])[] = [
  ['granted', 42], ['partiallyGranted', 9], ['denied.stateSecret', 1], ['denied.prohibitedByLaw', 1], ['denied.endangersSafety', 1],
  ['denied.thirdPartyRights', 3], ['denied.internalAffairs', 2], ['denied.processInformation', 3], ['denied.enforcementFiles', 1],
  ['denied.inquiryMatters', 1], ['unavailable.notHeld', 22], ['unavailable.needsCreation', 4], ['notProcessed.complaints', 3],
  ['notProcessed.repeated', 3], ['notProcessed.publications', 1], ['notProcessed.excessive', 1], ['notProcessed.confirmation', 1],
  ['otherHandling.other', 1],
];

const ANSWER_TEXTS: Readonly<Record<string, string>> = {
  granted: '经查，您申请的政府信息属于公开范围，现随本答复书提供。',
  partiallyGranted: '经查，您申请的信息中部分内容涉及个人隐私，已作区分处理，现提供可以公开的部分。',
  'unavailable.notHeld': '经检索，本机关未制作或获取您申请的政府信息。',
  'unavailable.needsCreation': '您申请的信息需要本机关对现有信息进行加工、分析，本机关不予提供。',
};

/** A random valid 居民身份证号码 (GB 11643), born 1950-2000, for demo identities. */
export function demoIdNumber(rng: Rng): string {
  const region = pick(rng, ['410102', '410105', '410304', '410202', '410702', '410122']);
  const y = 1950 + Math.floor(rng() * 50);
  const m = String(1 + Math.floor(rng() * 12)).padStart(2, '0');
  const d = String(1 + Math.floor(rng() * 28)).padStart(2, '0');
  const seq = String(Math.floor(rng() * 1000)).padStart(3, '0');
  const body = `${region}${y}${m}${d}${seq}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((s, x, i) => s + x * Number(body[i]), 0);
  return body + ('10X98765432'[sum % 11] as string);
}

/** A plausible registration received on `receivedOn` by `organizationId`. */
export function demoRegistration(rng: Rng, organizationId: string, receivedOn: IsoDate): Registration {
  const type = weighted<ApplicantType>(rng, [['natural', 78], ['commercial', 8], ['research', 2], ['publicInterest', 2], ['legalService', 7], ['other', 3]]);
  const natural = type === 'natural';
  const name = natural ? pick(rng, SURNAMES) + pick(rng, GIVEN) : pick(rng, FIRMS[type]);
  const channel = weighted<Channel>(rng, [['online', 45], ['postSignedFor', 30], ['inPerson', 15], ['postOrdinary', 6], ['fax', 2], ['other', 2]]);
  const delivery = channel === 'online' ? 'email' : pick(rng, ['post', 'email', 'pickUp'] as const);
  const phone = `1${pick(rng, ['37', '38', '39', '58', '86'])}${String(Math.floor(rng() * 1e8)).padStart(8, '0')}`;
  return {
    organizationId,
    channel,
    receivedOn,
    applicant: {
      type,
      name,
      idType: natural ? 'residentId' : 'creditCode',
      idNumber: natural ? demoIdNumber(rng) : `91410100${String(Math.floor(rng() * 1e9)).padStart(9, '0')}X`,
      contactPerson: natural ? null : pick(rng, SURNAMES) + pick(rng, GIVEN),
      phone,
      email: delivery === 'email' ? `gk${Math.floor(rng() * 1e6)}@163.com` : null,
      address: `河南省郑州市${pick(rng, ['金水区', '二七区', '中原区', '管城回族区'])}${pick(rng, ['文化路', '花园路', '建设路', '航海路'])}${1 + Math.floor(rng() * 300)}号`,
      postcode: '450000',
    },
    request: { description: pick(rng, REQUESTS[type]), documentNumber: null, purpose: null, form: pick(rng, ['paper', 'electronic'] as const), delivery },
  };
}

export interface SimulatedCase {
  readonly case: Case;
  readonly events: readonly CaseEvent[];
}

/** Working day n after `from` (null when the calendar runs out). */
function wd(cal: WorkingDayCalendar, from: IsoDate, n: number): IsoDate | null {
  const r = addWorkingDays(cal, from, n);
  return r.ok ? r.date : null;
}

/** Branches a story can be made to take (demo data wants every state on screen). */
export type Scenario = 'correction' | 'noCorrection' | 'consultation' | 'fee' | 'feeLapse' | 'withdraw' | 'late';

/**
 * One case from registration as far as `today` allows, every step through `decide` (a refused step ends the story).
 * `handler` and `approver` name the staff recorded in the audit trail; `scenario` forces one branch.
 */
export function simulateCase(
  rng: Rng,
  cal: WorkingDayCalendar,
  input: { id: string; number: string; organizationId: string; receivedOn: IsoDate; today: IsoDate; handler: string; approver: string; scenario?: Scenario },
): SimulatedCase {
  const forced = (s: Scenario, p: number): boolean => (input.scenario === undefined ? chance(rng, p) : input.scenario === s || (s === 'fee' && input.scenario === 'feeLapse') || (s === 'correction' && input.scenario === 'noCorrection'));
  const ctx = (on: IsoDate): DecideContext => ({ calendar: cal, today: input.today, now: `${on}T09:30:00.000Z` });
  const reg = demoRegistration(rng, input.organizationId, input.receivedOn);
  const first = register(reg, { id: input.id, number: input.number }, input.handler, ctx(input.receivedOn));
  if (!first.ok) throw new Error(`simulate: ${first.problems[0]?.message}`);
  let c = first.case;
  const events: CaseEvent[] = [first.event];
  /** Take a step on `on` if it is not after today; false when the story stops here. */
  const step = (on: IsoDate | null, cmd: StepOf<Command>): boolean => {
    if (on === null || daysBetween(input.today, on) > 0) return false;
    const full = { reason: null, actor: input.handler, ...cmd, on } as Command;
    const d = decide(c, full, ctx(on));
    if (!d.ok) return false;
    c = d.case;
    events.push(d.event);
    return true;
  };
  const done = (): SimulatedCase => ({ case: c, events });

  if (forced('correction', 0.08)) {
    const asked = wd(cal, c.receivedOn, input.scenario === 'correction' ? 1 : 1 + Math.floor(rng() * 6));
    const replyBy = asked ? wd(cal, asked, 15) : null;
    if (!replyBy || !step(asked, { kind: 'requestCorrection', items: '请明确所需信息的具体名称、文号或者形成时间等特征性描述', replyBy })) return done();
    if (input.scenario === 'noCorrection' || (input.scenario === undefined && chance(rng, 0.2))) {
      step(addDays(replyBy, 1 + Math.floor(rng() * 5)), { kind: 'deemWithdrawn' });
      return done();
    }
    if (!step(wd(cal, asked as IsoDate, input.scenario === 'correction' ? 12 : 2 + Math.floor(rng() * 10)), { kind: 'receiveCorrection' })) return done();
  }
  let at = c.clockStart;
  if (forced('withdraw', 0.03)) {
    step(wd(cal, at, 1 + Math.floor(rng() * 10)), { kind: 'withdraw', reason: '申请人来电表示已通过其他途径获取，申请撤回' });
    return done();
  }
  if (forced('consultation', 0.1)) {
    const third = chance(rng, 0.7);
    const sent = wd(cal, at, input.scenario === 'consultation' ? 1 : 3 + Math.floor(rng() * 8));
    if (!step(sent, { kind: 'startConsultation', consultation: third ? 'thirdParty' : 'interAgency', party: pick(rng, third ? THIRD_PARTIES : AGENCIES) })) return done();
    const outcome = input.scenario === 'consultation' ? 'noReply' : pick(rng, ['agreed', 'objected', 'noReply'] as const);
    const ended = wd(cal, sent as IsoDate, outcome === 'noReply' ? 16 : 4 + Math.floor(rng() * 10));
    if (!step(ended, { kind: 'endConsultation', outcome })) return done();
    at = ended as IsoDate;
  }
  if (forced('fee', 0.02)) {
    const noticeOn = wd(cal, at, 5);
    if (!step(noticeOn, { kind: 'issueFeeNotice', amount: 100 * (1 + Math.floor(rng() * 3)), basis: 'perApplication' })) return done();
    if (input.scenario === 'feeLapse' || (input.scenario === undefined && chance(rng, 0.4))) {
      step(wd(cal, noticeOn as IsoDate, 21), { kind: 'lapseFee' });
      return done();
    }
    if (!step(wd(cal, noticeOn as IsoDate, input.scenario === 'fee' ? 30 : 3 + Math.floor(rng() * 10)), { kind: 'receivePayment' })) return done();
  }
  let budget = 20;
  if (chance(rng, 0.1)) {
    const days = 5 + Math.floor(rng() * 16);
    const extendOn = wd(cal, c.clockStart, 15 + Math.floor(rng() * 4));
    // Not before the last step (a consultation may have ended later); the clock check then decides if it is in time.
    if (!step(extendOn && daysBetween(c.lastStepOn, extendOn) < 0 ? c.lastStepOn : extendOn, { kind: 'extend', days, approvedBy: input.approver, reason: '申请内容涉及多个年度档案，需调阅核实，经政府信息公开工作机构负责人同意延期答复' })) return done();
    budget += days;
  }
  const category = c.consultations.at(-1)?.outcome === 'objected' && chance(rng, 0.6) ? 'denied.thirdPartyRights' : weighted(rng, ANSWER_MIX);
  // Most answers come in time; a few (3 %) late, as published reports show (answered after the period).
  const late = forced('late', 0.03);
  const answerOn = wd(cal, c.clockStart, late ? budget + (input.scenario === 'late' ? 9 : 1 + Math.floor(rng() * 8)) : Math.max(1, Math.floor(rng() * budget * 0.9)));
  // Answer no earlier than the last step (a consultation may have ended later).
  const on = answerOn && daysBetween(c.lastStepOn, answerOn) < 0 ? c.lastStepOn : answerOn;
  const text = ANSWER_TEXTS[category] ?? '经审查，现依法作出如下答复。';
  if (!step(on, { kind: 'answer', category, text, approvedBy: input.approver })) return done();
  step(wd(cal, on as IsoDate, 1 + Math.floor(rng() * 3)), { kind: 'deliver', route: c.request.delivery });
  return done();
}
