import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyPage } from './classify.ts';

const TABLES = '二、主动公开政府信息情况……三、收到和处理政府信息公开申请情况 本年新收政府信息公开申请数量 1 0 0 0 0 0 1 四、政府信息公开行政复议、行政诉讼情况';
const kind = (title: string | null, text: string) => {
  const v = classifyPage(title, text);
  return v.report ? 'report' : v.kind;
};

test('an annual report with table 三 in its text is a report, whatever words its title uses for it', () => {
  assert.equal(kind('某市人民政府2023年政府信息公开工作年度报告', TABLES), 'report');
  assert.equal(kind('某局2022年度政府信息公开工作报告', TABLES), 'report');
  assert.equal(kind('某厅2021年政府信息公开工作年度报...', TABLES), 'report', 'a title the crawler cut short');
  assert.equal(kind('某厅2019年政府信息公开报告', TABLES), 'report');
  assert.equal(kind(null, `某县2023年政府信息公开工作年度报告\n${TABLES}`), 'report', 'no title: the head of the text names it');
  assert.equal(kind('通知公告', `根据《条例》规定，发布本年度报告。${TABLES}`), 'report', 'a title naming nothing: the head decides');
  assert.equal(kind(null, `某县2023年政府信息公开工作年度报告。推进法治政府建设……${TABLES}`), 'report', 'the head names the report before other words');
});

test('other documents of a 信息公开 column are skipped as their kind, even when their text has tables or is empty', () => {
  assert.equal(kind('某厅2023年政府网站工作年度报表', ''), 'otherKind');
  assert.equal(kind('某厅政府网站工作年报（2022年度）', TABLES), 'otherKind');
  assert.equal(kind('某厅网站工作2019年度报表', '报表.pdf'), 'otherKind');
  assert.equal(kind('某厅2023年度法治政府建设情况报告', TABLES), 'otherKind');
  assert.equal(kind('某市2024年政务公开工作要点', TABLES), 'otherKind');
  assert.equal(kind('政府信息公开情况统计表（2018年度）', TABLES), 'otherKind');
  assert.equal(kind(null, `2023年法治政府建设情况报告\n${TABLES}`), 'otherKind');
  const v = classifyPage('某厅2023年度法治政府建设情况报告', TABLES);
  assert.ok(!v.report && /法治政府建设/.test(v.reasonZh) && /law-based/.test(v.reason), 'the reason in Chinese and English');
});

test('reports without readable tables are skipped with why: empty page, no table 三, a year before the 2019 template', () => {
  assert.equal(kind('某厅2020年政府信息公开工作年度报告', '\n\n'), 'empty');
  assert.equal(kind('某厅2020年政府信息公开工作年度报告', '一、总体情况……二、主动公开政府信息情况 规章 0 0'), 'noTables');
  assert.equal(kind('某厅2018年政府信息公开工作年度报告', '一、概述……依申请公开……行政复议'), 'beforeTemplate');
  assert.equal(kind('信息公开年报', '特向社会公布2015年度我厅信息公开工作年度报告……'), 'beforeTemplate', 'the year from the head when the title has none');
  assert.equal(kind('某厅2013年度政府信息公开总结', '2013年，我厅认真贯彻落实……'), 'notReport');
  assert.equal(kind(null, '今天天气很好'), 'notReport');
});
