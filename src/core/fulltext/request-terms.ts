/**
 * The search terms of a disclosure application's description (条例第二十九条第二款第二项: 所需政府信息的名称、文号或者
 * 便于查询的其他特征性描述), so the handler sees the catalog documents that may already publish it (条例第三十六条第一项:
 * 已经主动公开的，告知申请人获取该政府信息的方式、途径) at intake and on the case page.
 *
 * A description is prose ("申请公开2024年城区房屋拆迁补偿标准的相关文件"), not a query whose every word must match:
 * the words every application uses (申请, 公开, 相关, 文件…) are dropped, the rest is cut into runs of Han characters
 * and words of letters or digits, and a long Han run into pieces of at most four characters (城区房屋 拆迁补偿 标准), so a
 * document titled 关于城区房屋拆迁补偿标准的通知 is found by each piece. The 文号 asked for comes first. Each term is
 * searched on its own; the caller ranks documents by how many terms they match.
 */
import { fold } from './tokens.ts';

/** At most this many terms (one search each). */
export const MAX_REQUEST_TERMS = 8;
/** A Han run longer than this is cut into pieces of this length. */
const PIECE = 4;

/** What almost every application says, longest first so 申请公开 goes before 申请. */
const STOP_WORDS = [
  '政府信息公开', '依申请公开', '申请公开', '政府信息', '相关文件', '有关文件', '相关资料', '有关资料', '相关信息', '有关信息',
  '复印件', '电子版', '纸质版', '贵单位', '贵机关', '本人', '我们', '我单位', '请求', '申请', '公开', '提供', '获取', '查询',
  '相关', '有关', '关于', '具体', '全部', '所有', '以及', '包括', '要求', '需要', '希望', '文件', '资料', '信息', '内容', '情况',
  '的', '了', '和', '与', '及', '或', '等', '请', '我', '其', '该', '此', '之', '中', '在', '对', '向', '由', '为', '是',
].sort((a, b) => b.length - a.length);

const HAN_RUN = /\p{Script=Han}+/gu;
const WORD_RUN = /[\p{L}\p{N}]+/gu;

/** Cut a Han run into pieces of at most PIECE characters; a last piece of one character joins the one before. */
function pieces(run: string): string[] {
  const chars = [...run];
  if (chars.length <= PIECE) return [run];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += PIECE) out.push(chars.slice(i, i + PIECE).join(''));
  const last = out.at(-1) ?? '';
  if ([...last].length === 1 && out.length > 1) {
    out.pop();
    out[out.length - 1] += last;
  }
  return out;
}

/**
 * The terms to search for an application: its 文号 (when given) first, then the description's content words in
 * order of appearance, distinct, at most MAX_REQUEST_TERMS. Single Han characters and bare numbers (years, counts)
 * are not terms on their own: they would match most of the catalog. Never throws; '' gives [].
 */
export function requestTerms(description: string, documentNumber: string | null = null): string[] {
  const out: string[] = [];
  const add = (t: string) => {
    if (t !== '' && !out.includes(t) && out.length < MAX_REQUEST_TERMS) out.push(t);
  };
  const number = (documentNumber ?? '').replace(/[\s\u3000]+/gu, '');
  if (number !== '') add(number);
  // A number and its unit (2024年, 3月, 第2批) are a date or a count, not a subject.
  let text = fold(description).replace(/(?<![\p{Script=Latin}\p{N}])第?\p{N}+(年度|季度|年|月|日|号|期|批|届|个|件|次|项)?/gu, ' ');
  for (const w of STOP_WORDS) text = text.split(w).join(' ');
  for (const segment of text.split(/[^\p{L}\p{N}]+/u)) {
    // In order of appearance: Han runs and letter/digit words as they come.
    const han = [...segment.matchAll(HAN_RUN)].map((m) => ({ at: m.index, run: m[0], han: true }));
    const words = [...segment.replace(HAN_RUN, ' ').matchAll(WORD_RUN)].map((m) => ({ at: m.index, run: m[0], han: false }));
    const runs = [...han, ...words];
    runs.sort((a, b) => a.at - b.at);
    for (const r of runs) {
      if (r.han) {
        if ([...r.run].length >= 2) for (const p of pieces(r.run)) add(p);
      } else if (r.run.length >= 2 && !/^\p{N}+$/u.test(r.run)) add(r.run);
    }
  }
  return out;
}
