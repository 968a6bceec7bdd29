/**
 * The season dashboard's charts, drawn on the server as SVG by ECharts (`ssr: true`, no client script): submissions
 * over time, application results across organisations, each organisation's year-over-year totals. The page puts each
 * SVG in an element with role="img" and an aria-label and prints the same figures as a table beside it
 * (server/views/season.ts). ECharts is loaded when the first chart is drawn, not at start-up.
 */
import type { EChartsOption } from 'echarts';

/** The most organisations one bar chart shows (the largest by new applications); the table beside lists them all. */
export const CHART_ORGS = 25;
const FONT = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif';

let loaded: Promise<typeof import('echarts')> | null = null;

async function draw(option: EChartsOption, width: number, height: number): Promise<string> {
  loaded ??= import('echarts');
  const echarts = await loaded;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Cumulative submissions by day, with the due date marked. Never throws (but a broken ECharts). */
export function submissionsChart(points: readonly { date: string; cumulative: number }[], due: string): Promise<string> {
  return draw(
    {
      grid: { left: 48, right: 24, top: 32, bottom: 40 },
      xAxis: { type: 'category', data: points.map((p) => p.date.slice(5)), name: '日期' },
      yAxis: { type: 'value', name: '已报送（个）', minInterval: 1 },
      series: [
        {
          type: 'line',
          step: 'end',
          data: points.map((p) => p.cumulative),
          markLine: points.some((p) => p.date >= due) ? { symbol: 'none', data: [{ xAxis: due.slice(5), name: '公布期限' }], label: { formatter: `期限 ${due.slice(5)}` } } : undefined,
        },
      ],
    },
    640,
    280,
  );
}

/** Application results per organisation, stacked. Never throws (but a broken ECharts). */
export function resultsChart(rows: readonly { name: string; values: readonly (number | null)[] }[], groups: readonly string[]): Promise<string> {
  const shown = rows.slice(0, CHART_ORGS);
  return draw(
    {
      legend: { top: 0 },
      grid: { left: 160, right: 24, top: 40, bottom: 24 },
      yAxis: { type: 'category', data: shown.map((r) => r.name), inverse: true, axisLabel: { width: 150, overflow: 'truncate' } },
      xAxis: { type: 'value', minInterval: 1 },
      series: groups.map((g, i) => ({ type: 'bar', stack: 'results', name: g, data: shown.map((r) => r.values[i] ?? 0) })),
    },
    720,
    Math.max(200, 80 + shown.length * 22),
  );
}

/**
 * Figures over the years, a group of bars per row: 本年新收申请 of each organisation (the dashboard), or one
 * organisation's headline figures (the public column). A blank figure draws no bar, never a 0. Never throws (but a
 * broken ECharts).
 */
export function totalsChart(rows: readonly { name: string; values: readonly (number | null)[] }[], years: readonly number[]): Promise<string> {
  const shown = rows.slice(0, CHART_ORGS);
  return draw(
    {
      legend: { top: 0 },
      grid: { left: 160, right: 24, top: 40, bottom: 24 },
      yAxis: { type: 'category', data: shown.map((r) => r.name), inverse: true, axisLabel: { width: 150, overflow: 'truncate' } },
      xAxis: { type: 'value', minInterval: 1 },
      series: years.map((y, i) => ({ type: 'bar', name: `${y}年`, data: shown.map((r) => r.values[i] ?? null) })),
    },
    720,
    Math.max(200, 80 + shown.length * 26),
  );
}
