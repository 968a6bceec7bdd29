import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHART_ORGS, resultsChart, submissionsChart, totalsChart } from './season.ts';

describe('the season charts (ECharts SVG on the server)', () => {
  it('draws an SVG with the organisations named, escaped, and no script', async () => {
    const rows = [{ name: '中原县<教育>局', values: [3, 1, 0, 2, 0, 0] }, { name: '中原县民政局', values: [5, 0, 1, 0, 0, 1] }];
    const svg = await resultsChart(rows, ['予以公开', '部分公开', '不予公开', '无法提供', '不予处理', '其他处理']);
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.ok(svg.includes('中原县民政局') && svg.includes('予以公开'));
    assert.ok(!svg.includes('<教育>'), 'a name is text, not markup');
    assert.ok(!/<script|on\w+=/i.test(svg));
  });
  it('shows at most CHART_ORGS organisations; the line of submissions carries its dates', async () => {
    const many = Array.from({ length: CHART_ORGS + 5 }, (_, i) => ({ name: `机关${String(i).padStart(2, '0')}`, values: [i, i + 1, i + 2] }));
    const svg = await totalsChart(many, [2023, 2024, 2025]);
    assert.ok(svg.includes('机关00') && svg.includes(`机关${CHART_ORGS - 1}`));
    assert.ok(!svg.includes(`机关${CHART_ORGS}`));
    const line = await submissionsChart([{ date: '2026-01-20', cumulative: 3 }, { date: '2026-02-02', cumulative: 7 }], '2026-01-31');
    assert.ok(line.includes('01-20') && line.includes('02-02'));
  });
});
