// Year and organisation of a report from its title, page title, first sentences, signature and file name — written by
// hand from the shapes real published reports take, then checked on every real report of fixtures/real.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { detectMetadata, isOrganizationName, type DetectHints } from './detect.ts';
import { importReportText } from './import-text.ts';
import { TextIndex } from './locate.ts';

const detect = (lines: readonly string[], hints?: DetectHints) => detectMetadata(new TextIndex(lines.join('\n')), hints);
const BODY = ['一、总体情况', '2023年，全面推进政务公开工作，主动公开各类信息120条。', '二、主动公开政府信息情况'];

describe('organisation names', () => {
  it('names ending in 局/厅/委/人民政府/管委会/街道办事处 …, abbreviations included', () => {
    for (const name of ['市科委', '省教育厅', '河北省工业和信息化厅', '云溪市人民政府', '东山县交通运输局', '青石街道办事处', '临川经开区管委会', '云溪市政务服务中心', '东山县人民政府办公室']) {
      assert.ok(isOrganizationName(name), name);
    }
  });
  it('prose fragments, internal offices and bare levels are not names', () => {
    for (const name of ['市科委编制了', '请与市政府办公室', '我厅', '本机关', '综合办公室', '省厅', '高新区', '示范区', '根据条例规定的局', '2023年东山县交通运输局', '东山县交通运输局，']) {
      assert.ok(!isOrganizationName(name), name);
    }
  });
});

describe('the title', () => {
  it('broken over two lines, the organisation after the year; the abbreviation completed from the body', () => {
    const r = detect(['2024 年云溪市科委政府信息公开工作', '年度报告', '根据《条例》规定，市科委编制了本报告。', '2024年，云溪市科学技术委员会坚持…', ...BODY]);
    assert.equal(r.year?.value, 2024);
    assert.equal(r.organization?.value, '云溪市科学技术委员会');
    assert.match(r.organization?.evidence ?? '', /^标题：.*市科委.*→ 云溪市科学技术委员会/);
  });
  it('an abbreviation the body does not complete stays as printed', () => {
    const r = detect(['2024 年市科委政府信息公开工作', '年度报告', ...BODY]);
    assert.equal(r.organization?.value, '市科委');
  });
  it('a full name is not "completed" into another body the text names (a district of the city)', () => {
    const r = detect(['云溪市人民政府2023年政府信息公开工作年度报告', '2023年，云溪市东湖区人民政府、云溪市东湖区人民政府办公室…', ...BODY]);
    assert.equal(r.organization?.value, '云溪市人民政府');
  });
  it('a bare place in the title is its government (when the body names it), never one of its departments', () => {
    const body = ['2023年，东山县人民政府坚持…', '东山县交通运输局、东山县交通运输局、东山县交通运输局完成…'];
    assert.equal(detect(['东山县2023年政府信息公开工作年度报告', ...body]).organization?.value, '东山县人民政府');
    assert.equal(detect(['东山县2023年政府信息公开工作年度报告', body[1] ?? '']).organization, null);
  });
  it('the organisation on its own line above the year line', () => {
    const r = detect(['    东山县交通运输局', '  2022 年政府信息公开工作年度报告', '', ...BODY]);
    assert.deepEqual([r.organization?.value, r.year?.value], ['东山县交通运输局', 2022]);
  });
  it('cut off with "..." or "…" (a crawler\'s title field), the body following', () => {
    for (const cut of ['东山县交通运输局2021年政府信息公开工作年度报...', '东山县交通运输局2021年政府信息公开…']) {
      const r = detect([cut, '', '根据规定，发布本年度报告。', ...BODY]);
      assert.deepEqual([r.organization?.value, r.year?.value], ['东山县交通运输局', 2021], cut);
      assert.match(r.year?.evidence ?? '', /^标题：/);
    }
  });
  it('a cut-off title needs enough of 政府信息公开 to be one (东山县交通运输局2021年... is not)', () => {
    const r = detect(['东山县交通运输局2021年...', '一、总体情况']);
    assert.equal(r.year, null);
    assert.equal(r.organization, null);
  });
  it('breadcrumbs before the title are not the name', () => {
    const r = detect(['当前位置：首页 > 政府信息公开 > 年度报告 > 东山县交通运输局2020年政府信息公开工作年度报告', ...BODY]);
    assert.deepEqual([r.organization?.value, r.year?.value], ['东山县交通运输局', 2020]);
  });
  it('another report named in 相关链接/上一篇 lines is not this report', () => {
    const r = detect(['相关链接：东山县人民政府2019年政府信息公开工作年度报告', '上一篇：青石镇人民政府2020年政府信息公开工作年度报告', '2020年政府信息公开工作年度报告', ...BODY]);
    assert.equal(r.year?.value, 2020);
    assert.equal(r.organization, null);
  });
  it('a 法治政府建设 report is not a 政府信息公开 report: neither its year nor its organisation', () => {
    for (const title of ['东山县司法局2023年法治政府建设年度报告', '东山县司法局2023年法治政府建设工作报...']) {
      const r = detect([title, '2023年，我局深入推进法治政府建设。']);
      assert.equal(r.year, null, title);
      assert.equal(r.organization, null, title);
    }
  });
  it('a notice publishing the report: 东山县交通运输局关于2022年度政府信息公开工作年度报告的公告', () => {
    const r = detect(['东山县交通运输局关于2022年度政府信息公开工作年度报告的公告', ...BODY]);
    assert.deepEqual([r.organization?.value, r.year?.value], ['东山县交通运输局', 2022]);
  });
  it('the year after the title: 东山县交通运输局政府信息公开工作年度报告（2022年）', () => {
    const r = detect(['东山县交通运输局政府信息公开工作年度报告（2022年）', ...BODY]);
    assert.deepEqual([r.organization?.value, r.year?.value], ['东山县交通运输局', 2022]);
  });
});

describe('the first sentences', () => {
  it('现公布…2021年…报告 names the organisation and the year', () => {
    const r = detect(['根据《中华人民共和国政府信息公开条例》，现公布东山县交通运输局2021年政府信息公开工作年度报告。', ...BODY]);
    assert.deepEqual([r.organization?.value, r.year?.value], ['东山县交通运输局', 2021]);
    assert.match(r.organization?.evidence ?? '', /^正文首句：/);
  });
  it('……市科委编制了本报告, the full name from the body', () => {
    const r = detect(['2024年政府信息公开工作年度报告', '根据《条例》和上级要求，市科委编制了本报告。', '2024年，云溪市科学技术委员会认真落实…', '云溪市科学技术委员会强化平台建设。']);
    assert.equal(r.organization?.value, '云溪市科学技术委员会');
    assert.match(r.organization?.evidence ?? '', /^正文首句：市科委编制了本/);
  });
  it('本报告由某市人民政府办公室…编制: a government (我市) has its office compile its report', () => {
    const r = detect(['2024年政府信息公开工作年度报告', '本报告由云溪市人民政府办公室根据《条例》规定编制。', '2024年，我市坚持…']);
    assert.equal(r.organization?.value, '云溪市人民政府');
  });
  it('the statistics period gives the year when nothing else does', () => {
    const r = detect(['根据规定，发布本年度报告。报告中所列数据统计期限为2022年1月1日至12月31日。', ...BODY]);
    assert.equal(r.year?.value, 2022);
    assert.match(r.year?.evidence ?? '', /^正文首句：统计期限/);
  });
  it('prose fragments are never the organisation: 我委编制了, 请与……办公室联系', () => {
    const r = detect(['2024年政府信息公开工作年度报告', '根据《条例》规定，我委编制了本报告。如对本报告有疑问，请与市政府办公室联系。', ...BODY]);
    assert.equal(r.organization, null);
    const result = importReportText(['2024年政府信息公开工作年度报告', '如对本报告有疑问，请与市政府办公室联系。'].join('\n'));
    assert.equal(result.report.organization, null);
    assert.ok(result.findings.some((f) => f.code === 'import.detection' && f.cells.includes('organization')));
  });
  it('a zone named without its place (发布高新区2020年…报告) is no organisation', () => {
    const r = detect(['按照《条例》要求，发布高新区2020年政府信息公开工作年度报告。', ...BODY]);
    assert.equal(r.year?.value, 2020);
    assert.equal(r.organization, null);
  });
});

describe('the signature', () => {
  it('the name on the line before the date; the title\'s year stands', () => {
    const r = detect(['2022年政府信息公开工作年度报告', ...BODY, '六、其他需要报告的事项', '无。', '东山县农业农村局', '2023年1月20日']);
    assert.deepEqual([r.organization?.value, r.year?.value], ['东山县农业农村局', 2022]);
    assert.match(r.organization?.evidence ?? '', /^落款：/);
  });
  it('run into the last sentence (crawled text); the date gives the year before it, the weakest evidence', () => {
    const r = detect(['一、总体情况', '本年度公开信息120条。六、其他需要报告的事项无。东山县农业农村局2022年1月20日']);
    assert.equal(r.organization?.value, '东山县农业农村局');
    assert.equal(r.year?.value, 2021);
    assert.match(r.year?.evidence ?? '', /^落款：/);
  });
  it('a date in Chinese numerals', () => {
    const r = detect(['一、总体情况', '无。', '东山县农业农村局', '二〇二三年一月十八日']);
    assert.deepEqual([r.organization?.value, r.year?.value], ['东山县农业农村局', 2022]);
  });
  it('a date inside a sentence is no signature, and prose before a date is no name', () => {
    assert.equal(detect(['一、总体情况', '2023年11月23日，东山日报报道了我局的做法。']).year, null);
    assert.equal(detect(['一、总体情况', '持续提升政务公开水平。', '2023年1月20日']).organization, null);
  });
});

describe('hints: page title and file name', () => {
  it('the page <title> gives year and organisation when the body prints neither; a site name after a separator too', () => {
    const r = detect(BODY, { title: '东山县交通运输局2023年政府信息公开工作年度报告_东山县人民政府' });
    assert.deepEqual([r.organization?.value, r.year?.value], ['东山县交通运输局', 2023]);
    assert.match(r.organization?.evidence ?? '', /^网页标题：/);
    const site = detect(BODY, { title: '2023年政府信息公开工作年度报告 - 东山县交通运输局' });
    assert.deepEqual([site.organization?.value, site.year?.value], ['东山县交通运输局', 2023]);
  });
  it('the printed title beats the page title, the page title beats the file name', () => {
    const r = detect(['东山县交通运输局2023年政府信息公开工作年度报告', ...BODY], { title: '青石镇人民政府2022年政府信息公开工作年度报告', fileName: '2021.html' });
    assert.deepEqual([r.organization?.value, r.year?.value], ['东山县交通运输局', 2023]);
    assert.equal(detect(BODY, { title: '青石镇人民政府2022年政府信息公开工作年度报告', fileName: '2021.html' }).year?.value, 2022);
  });
  it('the file name: a title, or a year alone — never from a hash or a date', () => {
    const named = detect(BODY, { fileName: '东山县交通运输局2021年政府信息公开工作年度报告.pdf' });
    assert.deepEqual([named.organization?.value, named.year?.value], ['东山县交通运输局', 2021]);
    assert.match(named.year?.evidence ?? '', /^文件名：/);
    assert.equal(detect(BODY, { fileName: 'dongshan-2021.txt' }).year?.value, 2021);
    assert.equal(detect(BODY, { fileName: '001_ad2021f.txt' }).year, null);
    assert.equal(detect(BODY, { fileName: '2022-01-20.pdf' }).year, null);
  });
  it('a printed year beats the file name', () => {
    assert.equal(detect(['报告中所列数据统计期限为2022年1月1日至12月31日。'], { fileName: 'report-2020.pdf' }).year?.value, 2022);
  });
});

describe('the real corpus (fixtures/real)', () => {
  const dir = new URL('../../../../fixtures/real/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
  it('has the crawled reports', () => assert.ok(files.length >= 12));
  for (const file of files) {
    it(`${file}: organisation and year as annotated`, () => {
      const expected = JSON.parse(readFileSync(new URL(file.replace(/\.txt$/, '.expected.json'), dir), 'utf8'));
      const result = importReportText(readFileSync(new URL(file, dir), 'utf8'));
      assert.deepEqual([result.report.organization, result.report.year], [expected.organization, expected.year]);
      assert.equal(result.detected.organization.how, 'detected');
    });
  }
});
