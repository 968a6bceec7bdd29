/**
 * Organisation names for generated "published" reports (条例 Art. 49: each 县级以上人民政府部门 and each 县级以上地方人民政府
 * publishes one). Place names are made up from characters common in Chinese toponyms, so they read like real ones
 * (云岭市, 安泉县) without naming a real body; the kinds of body follow those that publish reports in practice.
 */
import type { Rng } from '../../core/annual-report/generate.ts';

/** First and second characters of made-up place names (common in real toponyms, combined at random). */
const FIRST = '青临东南西北白云石安平宁江河山阳川岭泉溪峰湖林丰兴昌盛宜永长清嘉文新华金玉桂龙凤松柳梅沙'.split('');
const SECOND = '川河阳山原城州宁安平江源泉岭溪浦水乡丘台陵塘坪坝屏庄口渡桥港湾峪'.split('');

/** An integer in [0, n). */
export function below(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** One element of a non-empty list. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[below(rng, items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** True with probability p. */
export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** A made-up two-character place name (云岭, 安泉); never the same character twice. */
export function placeName(rng: Rng): string {
  const a = pick(rng, FIRST);
  let b = pick(rng, SECOND);
  if (b === a) b = pick(rng, SECOND.filter((c) => c !== a));
  return `${a}${b}`;
}

/** Departments of a local government that publish their own reports (names as printed on 政府网站). */
const DEPARTMENTS = [
  '教育局', '市场监督管理局', '自然资源和规划局', '生态环境局', '卫生健康委员会', '住房和城乡建设局', '公安局', '财政局',
  '人力资源和社会保障局', '交通运输局', '农业农村局', '水利局', '民政局', '司法局', '发展和改革委员会', '应急管理局',
  '审计局', '统计局', '退役军人事务局', '医疗保障局', '文化广电和旅游局', '商务局', '科学技术局', '工业和信息化局',
  '城市管理局', '林业局', '人民政府办公室', '行政审批服务局', '住房公积金管理中心',
] as const;

/** Zones whose 管理委员会 publish reports (平顶山高新技术产业开发区管理委员会 in the corpus). */
const ZONES = ['高新技术产业开发区管理委员会', '经济技术开发区管理委员会', '产业集聚区管理委员会', '城乡一体化示范区管理委员会'] as const;

export interface Organization {
  /** The full name as printed in the title. */
  readonly name: string;
  /** The short name the narrative uses for itself (本局, 我市, 我区, 管委会). */
  readonly self: string;
  /** The place the body belongs to (for page headers and web page chrome). */
  readonly place: string;
  readonly kind: 'government' | 'department' | 'zone' | 'township';
}

/** A realistic organisation: a 市/县/区 government, one of its departments, a zone's 管委会, or a 镇/街道. */
export function organizationName(rng: Rng): Organization {
  const city = `${placeName(rng)}市`;
  const r = rng();
  if (r < 0.25) {
    const level = pick(rng, ['市', '县', '区', '县', '区'] as const);
    const place = level === '市' ? city : `${placeName(rng)}${level}`;
    // A county or district is often named with its city: 云岭市安泉区人民政府.
    const full = level !== '市' && chance(rng, 0.4) ? `${city}${place}` : place;
    return { name: `${full}人民政府`, self: `我${level}`, place: full, kind: 'government' };
  }
  if (r < 0.75) {
    const level = pick(rng, ['市', '县', '区'] as const);
    const place = level === '市' ? city : `${placeName(rng)}${level}`;
    const dept = pick(rng, DEPARTMENTS);
    // 分局: a district branch of a city bureau (云岭市生态环境局安泉分局).
    if (dept === '生态环境局' && level !== '市' && chance(rng, 0.5)) {
      return { name: `${city}生态环境局${place.slice(0, 2)}分局`, self: '本局', place: city, kind: 'department' };
    }
    const self = dept.endsWith('委员会') ? '本委' : dept.endsWith('中心') ? '本中心' : dept.endsWith('办公室') ? '本办' : '本局';
    return { name: `${place}${dept}`, self, place, kind: 'department' };
  }
  if (r < 0.87) {
    return { name: `${city}${pick(rng, ZONES)}`, self: '管委会', place: city, kind: 'zone' };
  }
  const county = `${placeName(rng)}${pick(rng, ['县', '区'] as const)}`;
  const unit = chance(rng, 0.5) ? `${placeName(rng)}镇人民政府` : `${placeName(rng)}街道办事处`;
  return { name: `${county}${unit}`, self: unit.endsWith('办事处') ? '本街道' : '本镇', place: county, kind: 'township' };
}
