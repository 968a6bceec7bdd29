/**
 * A disclosure application (依申请公开的政府信息公开申请) as one immutable value: who applied and how (条例第二十九条、
 * 第三十一条), where it stands (its state), and the steps taken on it — 补正 (第三十条), consultation of third parties
 * or other agencies (第三十二条、第三十四条), extension (第三十三条第二款), fee notice (第四十二条), answer (第三十六条至
 * 第三十九条), delivery. The case is the fold of its events (./transitions.ts); storage keeps both.
 */
import type { IsoDate } from '../calendar/dates.ts';
import type { ApplicantType, Channel, DeliveryRoute, IdType, InformationForm } from './terms.ts';

/** Where a case stands. Open: processing, awaitingCorrection, consulting, awaitingFee; the rest are closed. `voided`: registered in error (作废), counted nowhere (./amend.ts). */
export const CASE_STATES = [
  'processing',
  'awaitingCorrection',
  'consulting',
  'awaitingFee',
  'answered',
  'delivered',
  'withdrawn',
  'deemedWithdrawn',
  'feeLapsed',
  'voided',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const STATE_LABELS: Readonly<Record<CaseState, { zh: string; en: string }>> = {
  processing: { zh: '办理中', en: 'processing' },
  awaitingCorrection: { zh: '待补正', en: 'awaiting correction' },
  consulting: { zh: '征求意见中', en: 'consulting' },
  awaitingFee: { zh: '待缴费', en: 'awaiting fee' },
  answered: { zh: '已答复', en: 'answered' },
  delivered: { zh: '已送达', en: 'delivered' },
  withdrawn: { zh: '申请人撤回', en: 'withdrawn' },
  deemedWithdrawn: { zh: '视为放弃申请', en: 'deemed withdrawn' },
  feeLapsed: { zh: '逾期未缴费，不再处理', en: 'fee lapsed' },
  voided: { zh: '已作废', en: 'voided (registered in error)' },
};

export const OPEN_STATES: readonly CaseState[] = ['processing', 'awaitingCorrection', 'consulting', 'awaitingFee'];
export const isOpen = (state: CaseState): boolean => OPEN_STATES.includes(state);

/** 申请人 (第二十九条第二款第一项): name, identity proof and contact. */
export interface Applicant {
  readonly type: ApplicantType;
  /** 姓名 or the organisation's 名称. */
  readonly name: string;
  readonly idType: IdType;
  readonly idNumber: string;
  /** 联系人, for an organisation. */
  readonly contactPerson: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  readonly address: string | null;
  readonly postcode: string | null;
  /** 传真号码, needed when the information is to be sent by fax (cases registered before it have none). */
  readonly fax?: string | null;
}

/** What is asked (第二十九条第二款第二项、第三项). */
export interface InformationRequest {
  /** 所需政府信息的名称、文号或者便于查询的其他特征性描述. */
  readonly description: string;
  readonly documentNumber: string | null;
  readonly purpose: string | null;
  readonly form: InformationForm;
  readonly delivery: DeliveryRoute;
}

/** 补正 (第三十条): asked once; the answer clock restarts when the corrected application arrives. */
export interface Correction {
  readonly requestedOn: IsoDate;
  /** What to correct (补正事项). */
  readonly items: string;
  /** The reasonable period the agency set (补正期限). */
  readonly replyBy: IsoDate;
  readonly receivedOn: IsoDate | null;
}

export type ConsultationKind = 'thirdParty' | 'interAgency';
export type ConsultationOutcome = 'agreed' | 'objected' | 'noReply';

/** 征求意见 (第三十二条 third party; 第三十四条 other agencies): the answer clock stands still meanwhile. */
export interface Consultation {
  readonly kind: ConsultationKind;
  readonly party: string;
  readonly sentOn: IsoDate;
  readonly endedOn: IsoDate | null;
  readonly outcome: ConsultationOutcome | null;
}

/** 延长答复期限 (第三十三条第二款): approved by the head of the disclosure office. */
export interface Extension {
  readonly on: IsoDate;
  readonly days: number;
  readonly approvedBy: string;
  readonly reason: string;
}

export type FeeBasis = 'perApplication' | 'perPage';

/** 收费通知 (第四十二条; 国办函〔2020〕109号). */
export interface FeeNotice {
  readonly noticeOn: IsoDate;
  /** 元. */
  readonly amount: number;
  readonly basis: FeeBasis;
  readonly paidOn: IsoDate | null;
  readonly lapsedOn: IsoDate | null;
}

/** 答复 (第三十六条至第三十九条): the category is one leaf row of table 三. */
export interface Answer {
  readonly on: IsoDate;
  /** 2021 row path (terms.ts ANSWER_CATEGORIES). */
  readonly category: string;
  /** The substance of the answer (答复内容), printed in the 答复书. */
  readonly text: string;
  readonly approvedBy: string | null;
}

export interface Delivery {
  readonly on: IsoDate;
  readonly route: DeliveryRoute;
}

export interface Case {
  readonly id: string;
  /** 申请编号, shown to the applicant. */
  readonly number: string;
  readonly organizationId: string;
  readonly state: CaseState;
  readonly channel: Channel;
  /** 收到申请之日 (第三十一条): the year's table 三 counts the case as received then. */
  readonly receivedOn: IsoDate;
  /** The day the answer clock runs from: receipt, or receipt of the corrected application (第三十条). */
  readonly clockStart: IsoDate;
  readonly applicant: Applicant;
  readonly request: InformationRequest;
  readonly correction: Correction | null;
  readonly consultations: readonly Consultation[];
  readonly extension: Extension | null;
  readonly fee: FeeNotice | null;
  readonly answer: Answer | null;
  readonly delivery: Delivery | null;
  /** The day the case left the open states (answered, withdrawn, deemed withdrawn, fee lapsed). */
  readonly closedOn: IsoDate | null;
  /** The table-三 row (2021 path) the case is counted in once closed. */
  readonly resultRow: string | null;
  /** The date of the latest step: a later step may not be dated before it. */
  readonly lastStepOn: IsoDate;
  /** Number of events applied (optimistic concurrency). */
  readonly version: number;
}
