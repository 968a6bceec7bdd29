/**
 * The search benchmark's corpus options and fixed query mix (bench/search.bench.ts, bench/search-explain.ts).
 */
import { GENERATED_ITEMS } from '../src/core/fulltext/generate.ts';
import type { SearchQuery } from '../src/storage/search.ts';

const ORGS = Array.from({ length: 60 }, (_, i) => `org-${String(i).padStart(2, '0')}`);
/** An organisation subtree of five (the caller expands a subtree into ids). */
const SUBTREE = ORGS.slice(10, 15);
export const GEN = { organizations: ORGS, fromYear: 2016, toYear: 2025, unpublished: 0.05 };

export const MIX: ReadonlyArray<{ kind: string; query: SearchQuery }> = [
  ...['低保', '拆迁', '公示', '救助', '征收', '预算'].map((q) => ({ kind: '2-char', query: { q } })),
  ...['最低生活', '临时救助', '房屋征收', '应急预案', '营商环境', '垃圾分类'].map((q) => ({ kind: '4-char', query: { q } })),
  ...['切实保障困难群众基本生活', '国有土地上房屋征收与补偿', '城乡居民最低生活保障实施办法', '公示期为七天', '低保 公示'].map((q) => ({ kind: 'phrase', query: { q } })),
  { kind: 'filtered', query: { q: '低保', organizationIds: SUBTREE } },
  { kind: 'filtered', query: { q: '公示', publishedFrom: '2024-01-01', publishedTo: '2024-12-31' } },
  { kind: 'filtered', query: { q: '救助', item: GENERATED_ITEMS[2] as string, validity: '有效' } },
  { kind: 'filtered', query: { q: '房屋征收', organizationIds: SUBTREE, publishedFrom: '2023-01-01' } },
  { kind: 'filtered', query: { q: '低保', statuses: ['draft', 'review', 'published'], organizationIds: SUBTREE } },
];

