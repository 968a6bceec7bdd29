// A passing and a failing case for every rule code of spec/annual-report.md.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RULES, type Finding, type RuleCode } from '../findings.ts';
import { buildTable, emptyReport, withCell, type AnnualReport, type Cell } from '../model.ts';
import { TEMPLATES, type TemplateId } from '../templates/index.ts';
import { validateReport } from '../validate.ts';
import { cellIndex } from './context.ts';

/** A report of the template whose every cell is `fill` (all zeros: every equation holds). */
function filled(template: TemplateId, year: number, fill: Cell = 0): AnnualReport {
  const t = TEMPLATES[template];
  return {
    ...emptyReport(template, year, '平顶山市人民政府'),
    proactive: buildTable(t, 'proactive', () => fill),
    applications: buildTable(t, 'applications', () => fill),
    reviewLitigation: buildTable(t, 'reviewLitigation', () => fill),
    sections: {
      overview: '本年度共收到政府信息公开申请0件。报告中所列数据的统计期限自2020年1月1日起至12月31日止。',
      problems: '存在的问题：公开内容不够全面。改进措施：加强培训。',
      otherMatters: '本年度未收取信息处理费。',
    },
  };
}

/** Set cells by full path. */
function set(report: AnnualReport, values: Record<string, Cell>): AnnualReport {
  const index = cellIndex(TEMPLATES[report.template]);
  return Object.entries(values).reduce((r, [path, v]) => {
    const def = index.get(path);
    assert.ok(def, `no cell ${path}`);
    return withCell(r, def, v);
  }, report);
}

const violations = (findings: readonly Finding[], code: RuleCode) =>
  findings.filter((f) => f.code === code && f.outcome === 'violation');
const uncheckables = (findings: readonly Finding[], code: RuleCode) =>
  findings.filter((f) => f.code === code && f.outcome === 'uncheckable');

const base2019 = filled('2019', 2020);
const base2021 = { ...filled('2021', 2021), sections: { ...filled('2021', 2021).sections, overview: '统计期限自2021年1月1日至2021年12月31日。' } };

describe('baseline', () => {
  it('an all-zero report with narratives gives no finding in either template', () => {
    assert.deepEqual(validateReport(base2019), []);
    assert.deepEqual(validateReport(base2021), []);
  });
  it('every rule code has a severity and both messages', () => {
    for (const [code, rule] of Object.entries(RULES)) {
      assert.ok(rule.zh && rule.en && rule.severity, code);
    }
  });
});

describe('T3.balance', () => {
  it('passes when 一+二 = （七）+四 and fails otherwise, naming the column', () => {
    const ok = set(base2019, { 'applications.newReceived.natural': 3, 'applications.granted.natural': 2, 'applications.total.natural': 2, 'applications.carriedForward.natural': 1, 'applications.newReceived.total': 3, 'applications.granted.total': 2, 'applications.total.total': 2, 'applications.carriedForward.total': 1 });
    assert.deepEqual(validateReport(ok).filter((f) => f.severity === 'error'), []);
    const bad = set(ok, { 'applications.carriedForward.natural': 0, 'applications.carriedForward.total': 0 });
    const found = violations(validateReport(bad), 'T3.balance');
    assert.equal(found.length, 2);
    assert.ok(found[0]?.cells.includes('applications.carriedForward.natural'));
    assert.equal(found[0]?.expected, 3);
    assert.equal(found[0]?.actual, 2);
  });
});

describe('T3.results', () => {
  it('counts the three （六） rows of 2021', () => {
    const ok = set(base2021, { 'applications.otherHandling.unpaidFee.other': 1, 'applications.total.other': 1, 'applications.otherHandling.unpaidFee.total': 1, 'applications.total.total': 1, 'applications.newReceived.other': 1, 'applications.newReceived.total': 1 });
    assert.deepEqual(validateReport(ok).filter((f) => f.severity === 'error'), []);
    const bad = set(ok, { 'applications.total.other': 2, 'applications.total.total': 2, 'applications.newReceived.other': 2, 'applications.newReceived.total': 2 });
    const found = violations(validateReport(bad), 'T3.results');
    assert.deepEqual(found.map((f) => f.cells[0]), ['applications.total.other', 'applications.total.total']);
  });
});

describe('T3.columns', () => {
  it('fails when the applicant columns do not add up to 总计', () => {
    const bad = set(base2019, { 'applications.denied.stateSecret.research': 1 });
    const found = violations(validateReport(bad), 'T3.columns');
    assert.equal(found.length, 1);
    assert.ok(found[0]?.cells.includes('applications.denied.stateSecret.research'));
    assert.equal(found[0]?.severity, 'error');
  });
});

describe('T4.sum', () => {
  it('passes when the four outcomes add up and fails otherwise', () => {
    const ok = set(base2019, { 'reviewLitigation.review.upheld': 2, 'reviewLitigation.review.total': 2 });
    assert.equal(violations(validateReport(ok), 'T4.sum').length, 0);
    const bad = set(ok, { 'reviewLitigation.litigationAfterReview.pending': 1 });
    const found = violations(validateReport(bad), 'T4.sum');
    assert.deepEqual(found.map((f) => f.cells[0]), ['reviewLitigation.litigationAfterReview.total']);
  });
});

describe('blank cells are unknowns, never zeros', () => {
  it('a rule touching a blank cell reports it could not be checked', () => {
    const report = set(base2019, { 'applications.granted.natural': null });
    const findings = validateReport(report);
    assert.equal(violations(findings, 'T3.columns').length, 0);
    const u = uncheckables(findings, 'T3.columns');
    assert.equal(u.length, 1);
    assert.equal(u[0]?.severity, 'info');
    assert.match(u[0]?.messageZh ?? '', /无法校验/);
    // Chinese names the blank cell as a reader finds it in the table; English keeps the path.
    assert.match(u[0]?.messageZh ?? '', /空白单元格 表三（一）予以公开·自然人$/);
    assert.match(u[0]?.message ?? '', /applications\.granted\.natural/);
    assert.equal(uncheckables(findings, 'T3.results').length, 1);
    const blank = findings.filter((f) => f.code === 'cells.blank');
    assert.equal(blank.length, 1);
    assert.deepEqual(blank[0]?.cells, ['applications.granted.natural']);
  });
  it('cells.blank is silent for complete tables', () => {
    assert.equal(validateReport(base2019).filter((f) => f.code === 'cells.blank').length, 0);
  });
});

describe('count.nonNegative', () => {
  it('flags negative counts in 二 but not a negative 本年增/减', () => {
    const report = set(base2019, { 'proactive.otherServices.previous': -2, 'proactive.licensing.change': -5 });
    const found = violations(validateReport(report), 'count.nonNegative');
    assert.deepEqual(found.map((f) => f.cells), [['proactive.otherServices.previous']]);
  });
  it('flags negative counts in 三 and 四', () => {
    const report = set(base2019, { 'reviewLitigation.review.other': -1 });
    assert.equal(violations(validateReport(report), 'count.nonNegative').length, 1);
  });
});

describe('amount.format', () => {
  it('accepts 4 decimals, warns on 5 decimals and on negatives', () => {
    assert.equal(violations(validateReport(set(base2019, { 'proactive.procurement.amount': 662820.1755 })), 'amount.format').length, 0);
    assert.equal(violations(validateReport(set(base2019, { 'proactive.procurement.amount': 1.12345 })), 'amount.format').length, 1);
    const neg = violations(validateReport(set(base2021, { 'proactive.fees.amount': -3 })), 'amount.format');
    assert.equal(neg.length, 1);
    assert.equal(neg[0]?.severity, 'warning');
  });
});

describe('T2.published', () => {
  it('warns when published exceeds the total (2019)', () => {
    assert.equal(violations(validateReport(set(base2019, { 'proactive.normativeDocuments.published': 3, 'proactive.normativeDocuments.total': 3 })), 'T2.published').length, 0);
    const found = violations(validateReport(set(base2019, { 'proactive.normativeDocuments.published': 4, 'proactive.normativeDocuments.total': 3 })), 'T2.published');
    assert.equal(found.length, 1);
    assert.equal(found[0]?.severity, 'warning');
  });
});

describe('template.year', () => {
  it('warns on a 2021 report in the 2019 template and a 2020 report in the 2021 template', () => {
    assert.equal(violations(validateReport({ ...base2019, year: 2021 }), 'template.year').length, 1);
    assert.equal(violations(validateReport({ ...base2021, year: 2020 }), 'template.year').length, 1);
    assert.equal(violations(validateReport({ ...base2021, year: 2024 }), 'template.year').length, 0);
    assert.equal(violations(validateReport({ ...base2019, year: 2018 }), 'template.year').length, 0, 'not a rule of the spec');
  });
});

describe('missing.section', () => {
  it('reports each absent table as an error, never as zeros', () => {
    const found = violations(validateReport({ ...base2019, applications: null, reviewLitigation: null }), 'missing.section');
    assert.deepEqual(found.map((f) => f.cells[0]), ['applications', 'reviewLitigation']);
    assert.ok(found.every((f) => f.severity === 'error'));
  });
});

describe('T2.rulesAuthority', () => {
  it('accepts 规章 from a 设区的市 government and warns for a development-zone committee', () => {
    const withRules = set(base2019, { 'proactive.rules.made': 1, 'proactive.rules.published': 1, 'proactive.rules.total': 1 });
    assert.equal(violations(validateReport(withRules), 'T2.rulesAuthority').length, 0);
    const zone = { ...withRules, organization: '平顶山高新技术产业开发区管理委员会' };
    assert.equal(violations(validateReport(zone), 'T2.rulesAuthority').length, 1);
    const unknown = { ...withRules, organization: null };
    assert.equal(uncheckables(validateReport(unknown), 'T2.rulesAuthority').length, 1);
  });
});

describe('text rules', () => {
  it('text.fees: a 2021 report must mention 信息处理费 in section 六', () => {
    assert.equal(violations(validateReport(base2021), 'text.fees').length, 0);
    const silent = { ...base2021, sections: { ...base2021.sections, otherMatters: '无其他需要报告的事项。' } };
    assert.equal(violations(validateReport(silent), 'text.fees').length, 1);
    assert.equal(violations(validateReport({ ...base2019, sections: silent.sections }), 'text.fees').length, 0);
    const otherFees = { ...base2021, sections: { ...base2021.sections, otherMatters: '本年度行政事业性收费项目无变化。' } };
    assert.equal(violations(validateReport(otherFees), 'text.fees').length, 1, '行政事业性收费 is not the 信息处理费');
    const none = { ...base2021, sections: { ...base2021.sections, otherMatters: '本机关未收取任何费用。' } };
    assert.equal(violations(validateReport(none), 'text.fees').length, 0);
  });
  it('text.problems: section 五 missing or empty', () => {
    assert.equal(violations(validateReport({ ...base2019, sections: { ...base2019.sections, problems: '  ' } }), 'text.problems').length, 1);
  });
  it('text.tables: a stated count contradicting table 三 or 四', () => {
    const report = set(base2019, { 'applications.newReceived.natural': 3, 'applications.newReceived.total': 3, 'applications.granted.natural': 3, 'applications.granted.total': 3, 'applications.total.natural': 3, 'applications.total.total': 3 });
    const agree = { ...report, sections: { ...report.sections, overview: '全年共收到政府信息公开申请三件，行政复议0件。' } };
    assert.equal(violations(validateReport(agree), 'text.tables').length, 0);
    const disagree = { ...report, sections: { ...report.sections, overview: '全年共收到政府信息公开申请5件，发生行政复议案件2起。' } };
    const found = violations(validateReport(disagree), 'text.tables');
    assert.equal(found.length, 2);
    assert.deepEqual(found.map((f) => f.actual), [5, 2]);
  });
  it('period.calendarYear: the stated period must be the report year', () => {
    const wrong = { ...base2019, sections: { ...base2019.sections, overview: '本报告统计期限自2019年10月1日起至2020年9月30日止。' } };
    const found = violations(validateReport(wrong), 'period.calendarYear');
    assert.equal(found.length, 1);
    assert.equal(found[0]?.actual, '2019-10-01 – 2020-09-30');
  });
});

describe('cross-year rules', () => {
  const previous = set(filled('2019', 2019), { 'applications.carriedForward.natural': 2, 'applications.carriedForward.total': 2, 'applications.newReceived.natural': 2, 'applications.newReceived.total': 2, 'proactive.licensing.previous': 10, 'proactive.licensing.change': 5 });
  const current = set(base2019, { 'applications.carriedOver.natural': 2, 'applications.carriedOver.total': 2, 'applications.granted.natural': 2, 'applications.granted.total': 2, 'applications.total.natural': 2, 'applications.total.total': 2, 'proactive.licensing.previous': 15 });

  it('crossYear.carry and crossYear.items pass on consistent years and fail otherwise', () => {
    const ok = validateReport(current, { previous });
    assert.equal(violations(ok, 'crossYear.carry').length, 0);
    assert.equal(violations(ok, 'crossYear.items').length, 0);
    const bad = validateReport(set(current, { 'proactive.licensing.previous': 14 }), { previous: set(previous, { 'applications.carriedForward.natural': 1, 'applications.carriedForward.total': 1 }) });
    assert.deepEqual(violations(bad, 'crossYear.carry').map((f) => f.cells[0]), ['applications.carriedOver.natural', 'applications.carriedOver.total']);
    assert.deepEqual(violations(bad, 'crossYear.items').map((f) => [f.expected, f.actual]), [[15, 14]]);
  });
  it('cross-year rules are not run without the previous year, nor with a report of another year', () => {
    assert.equal(validateReport(current).filter((f) => f.code.startsWith('crossYear')).length, 0);
    assert.equal(validateReport(current, { previous: { ...previous, year: 2017 } }).filter((f) => f.code.startsWith('crossYear')).length, 0);
  });
  it('crossYear.jump: > 5x or < 0.2x when both >= 10', () => {
    const jumpy = set(current, { 'proactive.penalty.decisions': 61 });
    const prev = set(previous, { 'proactive.penalty.decisions': 12 });
    const found = violations(validateReport(jumpy, { previous: prev }), 'crossYear.jump');
    assert.deepEqual(found.map((f) => f.cells[0]), ['proactive.penalty.decisions']);
    assert.equal(found[0]?.severity, 'info');
    assert.equal(violations(validateReport(set(current, { 'proactive.penalty.decisions': 60 }), { previous: prev }), 'crossYear.jump').length, 0);
    assert.equal(violations(validateReport(set(current, { 'proactive.penalty.decisions': 9 }), { previous: set(previous, { 'proactive.penalty.decisions': 100 }) }), 'crossYear.jump').length, 0);
  });
  it('T2.inForce (2021): in force = last year + issued − repealed', () => {
    const prev2021 = set(filled('2021', 2021), { 'proactive.normativeDocuments.inForce': 40 });
    const cur = set({ ...base2021, year: 2022 }, { 'proactive.normativeDocuments.issued': 5, 'proactive.normativeDocuments.repealed': 2, 'proactive.normativeDocuments.inForce': 43 });
    assert.equal(violations(validateReport(cur, { previous: prev2021 }), 'T2.inForce').length, 0);
    const bad = violations(validateReport(set(cur, { 'proactive.normativeDocuments.inForce': 45 }), { previous: prev2021 }), 'T2.inForce');
    assert.deepEqual(bad.map((f) => [f.expected, f.actual]), [[43, 45]]);
  });
  it('text.sameAsLastYear: a narrative copied from last year', () => {
    const text = '本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进决策、执行、管理、服务、结果公开，不断提升政府透明度。';
    const prev = { ...previous, sections: { ...previous.sections, overview: text.replace('2019', '2018') } };
    const cur = { ...current, sections: { ...current.sections, overview: text } };
    // problems is the same fixture text in both years: flagged too (otherMatters is under 20 characters: not compared).
    assert.deepEqual(violations(validateReport(cur, { previous: prev }), 'text.sameAsLastYear').map((f) => f.cells[0]), ['sections.overview', 'sections.problems']);
    const fresh = { ...current, sections: { ...current.sections, overview: '本年度重点围绕优化营商环境，新增发布政策解读材料，并完善了依申请公开办理流程和答复文书范本。' } };
    assert.ok(!violations(validateReport(fresh, { previous: prev }), 'text.sameAsLastYear').some((f) => f.cells[0] === 'sections.overview'));
  });
});
