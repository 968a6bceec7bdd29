/**
 * Reading an application and its steps from untrusted input (a form, JSON, a CSV row): every field checked, every
 * problem located (`applicant.idNumber`) and worded in Chinese first, nothing half-read. 第二十九条 says what an
 * application must hold; the identity number check follows GB 11643-1999 (居民身份证号码 check digit).
 */
import { isIsoDate, type IsoDate } from '../calendar/dates.ts';
import { problem, type Problem } from '../errors.ts';
import type { Applicant, InformationRequest } from './case.ts';

/** A posted value as a message may quote it: scalars as text, anything else by its kind (an object's own toString is never called). */
const shown = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 100) : typeof v === 'number' || typeof v === 'boolean' ? String(v) : Array.isArray(v) ? '[…]' : v === null ? 'null' : '{…}');
import {
  APPLICANT_TYPES,
  CHANNELS,
  DELIVERY_ROUTES,
  ID_TYPES,
  INFORMATION_FORMS,
  isMember,
  type Channel,
  type DeliveryRoute,
} from './terms.ts';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly Problem[] };

/** A field reader that collects problems instead of stopping at the first. */
export class Reader {
  readonly problems: Problem[] = [];
  private readonly obj: Record<string, unknown>;
  constructor(
    input: unknown,
    private readonly prefix = '',
  ) {
    this.obj = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
    if (this.obj !== input) this.fail(prefix.replace(/\.$/, ''), '应为对象', 'expected an object');
  }

  fail(at: string, zh: string, en: string): void {
    this.problems.push(problem('application.invalid', at, { zh, en }));
  }

  private at(key: string): string {
    return `${this.prefix}${key}`;
  }

  /** A required non-empty string (trimmed), at most `max` characters. */
  text(key: string, label: string, max = 200): string {
    const v = this.optionalText(key, label, max);
    if (v === null && !this.problems.some((p) => p.at === this.at(key))) this.fail(this.at(key), `请填写${label}`, `${key} is required`);
    return v ?? '';
  }

  /** An optional string: '' and absent → null. */
  optionalText(key: string, label: string, max = 200): string | null {
    const v = this.obj[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') {
      this.fail(this.at(key), `${label}应为文字`, `${key} must be a string`);
      return null;
    }
    const t = v.trim();
    if (t.length > max) this.fail(this.at(key), `${label}不能超过 ${max} 个字`, `${key} is longer than ${max} characters`);
    return t === '' ? null : t;
  }

  /** One of a fixed list. */
  member<T extends string>(key: string, label: string, list: readonly T[]): T {
    const v = this.obj[key];
    if (isMember(list, v)) return v;
    this.fail(this.at(key), v === undefined || v === '' ? `请选择${label}` : `${label}无效：${shown(v)}`, `${key} must be one of ${list.join(', ')}`);
    return list[0] as T;
  }

  /** A date YYYY-MM-DD. */
  date(key: string, label: string): IsoDate {
    const v = this.obj[key];
    if (typeof v === 'string' && isIsoDate(v)) return v;
    this.fail(this.at(key), v === undefined || v === '' ? `请填写${label}` : `${label}应为 YYYY-MM-DD 格式的日期：${shown(v)}`, `${key} must be a date YYYY-MM-DD`);
    return '1970-01-01';
  }

  /** An integer in [min, max]. */
  integer(key: string, label: string, min: number, max: number): number {
    const raw = this.obj[key];
    const v = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
    this.fail(this.at(key), `${label}应为 ${min} 至 ${max} 之间的整数`, `${key} must be an integer from ${min} to ${max}`);
    return min;
  }

  /** A non-negative amount with at most two decimals (元). */
  amount(key: string, label: string): number {
    const raw = this.obj[key];
    const v = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && Math.round(v * 100) === v * 100 && v <= 1e9) return v;
    this.fail(this.at(key), `${label}应为不小于 0 的金额（元，最多两位小数）`, `${key} must be a non-negative amount in yuan`);
    return 0;
  }

  child(key: string): unknown {
    return this.obj[key];
  }
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 居民身份证号码 (GB 11643-1999): 18 characters, a valid birth date and the right check digit. */
export function isResidentIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birth)) return false;
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return ID_CHECK[sum % 11] === id[17];
}

/** 统一社会信用代码 (GB 32100-2015): 18 characters of its alphabet (check digit not verified here). */
export const isCreditCode = (id: string): boolean => /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(id);

function readApplicant(input: unknown, r: Reader): Applicant {
  const a = new Reader(input, 'applicant.');
  const type = a.member('type', '申请人类型', APPLICANT_TYPES);
  const name = a.text('name', type === 'natural' ? '申请人姓名' : '申请人名称', 100);
  const idType = a.member('idType', '证件类型', ID_TYPES);
  const idNumber = (a.text('idNumber', '证件号码', 40) || '').toUpperCase();
  if (idNumber !== '' && idType === 'residentId' && !isResidentIdNumber(idNumber)) a.fail('applicant.idNumber', '居民身份证号码有误（应为18位，校验位正确）', 'invalid resident identity number');
  if (idNumber !== '' && idType === 'creditCode' && !isCreditCode(idNumber)) a.fail('applicant.idNumber', '统一社会信用代码有误（应为18位）', 'invalid unified social credit code');
  if (type === 'natural' && (idType === 'creditCode' || idType === 'otherOrganization')) a.fail('applicant.idType', '自然人应提供个人身份证件', 'a natural person gives a personal identity document');
  if (type !== 'natural' && !(idType === 'creditCode' || idType === 'otherOrganization')) a.fail('applicant.idType', '法人或其他组织应提供统一社会信用代码或其他证照', 'an organisation gives its credit code or another licence');
  const phone = a.optionalText('phone', '联系电话', 40);
  if (phone !== null && !/^[\d\-+() 转]{5,40}$/.test(phone)) a.fail('applicant.phone', '联系电话格式有误', 'invalid phone number');
  const email = a.optionalText('email', '电子邮箱', 100);
  if (email !== null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) a.fail('applicant.email', '电子邮箱格式有误', 'invalid e-mail address');
  const address = a.optionalText('address', '通信地址', 200);
  const postcode = a.optionalText('postcode', '邮政编码', 6);
  if (postcode !== null && !/^\d{6}$/.test(postcode)) a.fail('applicant.postcode', '邮政编码应为6位数字', 'a postcode has 6 digits');
  if (phone === null && email === null && address === null) a.fail('applicant.phone', '请至少填写一种联系方式（电话、电子邮箱或通信地址）（条例第二十九条）', 'give at least one contact (phone, e-mail or address) (Art. 29)');
  const fax = a.optionalText('fax', '传真号码', 40);
  if (fax !== null && !/^[\d\-+() 转]{5,40}$/.test(fax)) a.fail('applicant.fax', '传真号码格式有误', 'invalid fax number');
  const contactPerson = a.optionalText('contactPerson', '联系人', 50);
  r.problems.push(...a.problems);
  return { type, name, idType, idNumber, contactPerson, phone, email, address, postcode, fax };
}

function readRequest(input: unknown, r: Reader): InformationRequest {
  const q = new Reader(input, 'request.');
  const description = q.text('description', '所需政府信息的名称、文号或者便于查询的其他特征性描述', 2000);
  const documentNumber = q.optionalText('documentNumber', '文号', 100);
  const purpose = q.optionalText('purpose', '用途', 500);
  const form = q.member('form', '获取信息的形式', INFORMATION_FORMS);
  const delivery = q.member('delivery', '获取信息的途径', DELIVERY_ROUTES);
  // Each route needs its own contact: a postal address to post, an e-mail address to e-mail, a fax number to fax.
  const needs: Partial<Record<DeliveryRoute, readonly [string, string, string]>> = {
    post: ['address', '选择邮寄的，请填写通信地址', 'a postal address is needed for delivery by post'],
    email: ['email', '选择电子邮件的，请填写电子邮箱', 'an e-mail address is needed for delivery by e-mail'],
    fax: ['fax', '选择传真的，请填写传真号码', 'a fax number is needed for delivery by fax'],
  };
  const need = delivery ? needs[delivery] : undefined;
  if (need && r.child('applicant') !== undefined) {
    const value = (r.child('applicant') as Record<string, unknown> | null)?.[need[0]];
    if (typeof value !== 'string' || value.trim() === '') q.fail(`applicant.${need[0]}`, need[1], need[2]);
  }
  r.problems.push(...q.problems);
  return { description, documentNumber, purpose, form, delivery };
}

export interface Registration {
  readonly organizationId: string;
  readonly channel: Channel;
  /** 收到申请之日 (第三十一条). */
  readonly receivedOn: IsoDate;
  readonly applicant: Applicant;
  readonly request: InformationRequest;
}

/** Read a new application (登记). Problems are `application.invalid`, located by field. */
export function parseRegistration(input: unknown): Parsed<Registration> {
  const r = new Reader(input);
  const organizationId = r.text('organizationId', '受理机关', 64);
  const channel = r.member('channel', '申请方式', CHANNELS);
  const receivedOn = r.date('receivedOn', '收到申请之日');
  const applicant = readApplicant(r.child('applicant'), r);
  const request = readRequest(r.child('request'), r);
  return r.problems.length > 0 ? { ok: false, problems: r.problems } : { ok: true, value: { organizationId, channel, receivedOn, applicant, request } };
}
