import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDeadlineTable } from './deadline-table.ts';

describe('the deadline table (CSV) reader', () => {
  it('locates malformed rows', () => {
    const text = [
      'received,extensionDays,pauseFrom,pauseTo',
      '2024-02-02,0,,',
      '2024-02-30,0,,',
      '2024-02-02,21,,',
      '2024-02-02,0,2024-02-05,',
      '2024-02-02,0,2024-02-09,2024-02-05',
      '2024-02-02,0,2024-02-01,2024-02-05',
      '2024-02-02,0',
      '2024-02-02,x,,',
    ].join('\r\n');
    const r = parseDeadlineTable(text, 't.csv');
    assert.ok(!r.ok);
    assert.deepEqual(r.problems.map((p) => [p.code, p.at]), [
      ['calendar.badDate', 't.csv:3'],
      ['deadline.extension', 't.csv:4'],
      ['deadline.pause', 't.csv:5'],
      ['deadline.pause', 't.csv:6'],
      ['deadline.pause', 't.csv:7'],
      ['deadline.table', 't.csv:8'],
      ['deadline.extension', 't.csv:9'],
    ]);
  });

  it('rejects an unknown or missing header column; keeps the line ending', () => {
    const r = parseDeadlineTable('received,foo\n2024-01-02,1\n');
    assert.ok(!r.ok && r.problems[0]?.code === 'deadline.table');
    const m = parseDeadlineTable('answerDue\n2024-01-02\n');
    assert.ok(!m.ok && m.problems[0]?.code === 'deadline.table');
    const ok = parseDeadlineTable('\uFEFFreceived\r\n2024-01-02\r\n');
    assert.ok(ok.ok && ok.table.lineEnding === '\r\n' && ok.table.rows.length === 1 && ok.table.rows[0]?.extensionDays === 0);
  });
});
