/**
 * The demo county's reporting season (npm start on an empty database): the last season's reports (the year before
 * the one being reported now) driven through the real lifecycle from the demo cases and catalog — each department
 * submits in January, the county's office receives, the department publishes; the county publishes its own — with the
 * dates of that January, and one department's report corrected afterwards (第 2 版, with its 更正说明). The year before
 * came from before the platform: stored as imported published reports, so the public column compares two years.
 */
import { generateConsistentReport, mulberry32 } from '../../core/annual-report/generate.ts';
import { draftNarrative } from '../../core/annual-report/narrative.ts';
import { buildYearReport } from '../applications/year-report.ts';
import { reportingYear } from '../../core/annual-report/season.ts';
import { stringifyReport } from '../../core/annual-report/serialize.ts';
import { templateForYear } from '../../core/annual-report/templates/index.ts';
import type { IsoDate } from '../../core/calendar/dates.ts';
import type { Organization } from '../organizations/ports.ts';
import { actOnReport, type SeasonActor, type SeasonDeps } from './reports.ts';

/** What an office writes where the draft narrative prompts for what no table holds (core/annual-report/narrative.ts). */
const WRITTEN: readonly (readonly [string, string])[] = [
  ['【请补充】主动公开的重点领域和渠道。', '重点公开了财政预决算、重大建设项目、社会救助和自然资源等领域的信息，通过县政府门户网站、政务新媒体和政务服务大厅公开栏发布。'],
  ['（四）政府信息管理。【请补充】', '（四）政府信息管理。落实公文类信息公开属性源头认定和保密审查制度，对现行有效的行政规范性文件进行了清理并集中公开。'],
  ['（五）平台建设。【请补充】', '（五）平台建设。完善县政府门户网站政府信息公开专栏，统一设置政府信息公开目录，栏目内容及时更新。'],
  ['（六）监督保障。【请补充】', '（六）监督保障。将政府信息公开工作纳入年度绩效考核，全年开展政务公开业务培训2次。'],
  ['【请补充】存在的主要问题及改进情况。', '一是部分栏目信息更新不够及时；二是政策解读形式较为单一。下一步将加强信息发布审核，做到解读材料与政策文件同步发布。'],
  ['【请补充】信息处理费收取情况。', '本年度未收取信息处理费。'],
];

/** The department whose report the demo corrects, and the notice it publishes with the new version. */
const CORRECTED = { name: '中原县自然资源局', notice: '更正表三“本年新收政府信息公开申请数量”等数据：原报告误将上年结转的申请计入本年新收' };

export async function seedDemoSeason(deps: SeasonDeps, options: { today: IsoDate }): Promise<{ published: number; imported: number }> {
  const year = reportingYear(options.today) - 1;
  const orgs = await deps.organizations.list();
  const root = orgs.find((o) => o.parentId === null);
  if (!root) return { published: 0, imported: 0 };
  const at = (month: number, day: number, hour = 2) => `${year + 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;
  /** The deps with the clock of a January day: the lifecycle dates each step by it. */
  const on = (now: string): SeasonDeps => ({ ...deps, clock: { now: () => now } });
  const actor = (org: Organization, name: string, role: SeasonActor['role'] = 'admin'): SeasonActor => ({ id: `demo:${org.id}`, name, role, organizationId: org.id, ip: null });
  const county = actor(root, '县政府办公室（演示）');
  let published = 0;
  const below = orgs.filter((o) => o.parentId === root.id);
  for (const [i, org] of below.entries()) {
    const own = actor(org, `${org.name}（演示）`);
    const day = 8 + i * 2;
    await writeNarrative(deps, org.id, year, own.name, at(1, day - 1));
    const steps = [
      await actOnReport(on(at(1, day)), org.id, year, 'submit', null, own),
      await actOnReport(on(at(1, day + 1)), org.id, year, 'receive', null, county),
      await actOnReport(on(at(1, Math.min(day + 3, 30))), org.id, year, 'publish', null, own),
    ];
    if (steps.every((s) => s.ok)) published += 1;
    if (org.name === CORRECTED.name) {
      const fixed = [
        await actOnReport(on(at(3, 9)), org.id, year, 'correct', CORRECTED.notice, own),
        await actOnReport(on(at(3, 10)), org.id, year, 'submit', null, own),
        await actOnReport(on(at(3, 11)), org.id, year, 'receive', null, county),
        await actOnReport(on(at(3, 12)), org.id, year, 'publish', null, own),
      ];
      if (!fixed.every((s) => s.ok)) published -= 1;
    }
  }
  await writeNarrative(deps, root.id, year, county.name, at(3, 18));
  if ((await actOnReport(on(at(3, 20)), root.id, year, 'publish', null, county)).ok) published += 1;
  // The year before the platform: each organisation's published report, kept as imported.
  let imported = 0;
  for (const [i, org] of [root, ...below].entries()) {
    const report = stringifyReport({ ...generateConsistentReport(mulberry32(year * 100 + i), { template: templateForYear(year - 1), year: year - 1, organization: org.name, scale: org.parentId === null ? 16 : 10 }), annotations: {} });
    const when = `${year}-01-${String(10 + i).padStart(2, '0')}T02:00:00.000Z`;
    if (await deps.season.put({ organizationId: org.id, year: year - 1, version: 1, state: 'published', report, comment: `导入：${org.name}${year - 1}年政府信息公开工作年度报告.pdf`, updatedAt: when, updatedBy: '县政府办公室（演示）', publishedAt: when, submittedAt: when, source: 'import' }, null)) imported += 1;
  }
  return { published, imported };
}

/** The year's narrative as an office writes it: the draft from the tables, with what no table holds filled in. */
async function writeNarrative(deps: SeasonDeps, organizationId: string, year: number, by: string, at: string): Promise<void> {
  if (!deps.drafts) return;
  const built = await buildYearReport(deps, organizationId, year);
  if (!built.ok) return;
  const fill = (text: string | null): string | null => (text === null ? null : WRITTEN.reduce((t, [prompt, written]) => t.replace(prompt, written), text));
  const draft = draftNarrative(built.value);
  await deps.drafts.put(organizationId, year, { overview: fill(draft.overview), problems: fill(draft.problems), otherMatters: fill(draft.otherMatters) }, at, by);
}
