import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCsv } from './csv.ts';

const fields = (text: string) => {
  const r = parseCsv(text, 't.csv');
  assert.ok(r.ok, r.ok ? '' : r.problem.message);
  return r.records.map((x) => x.fields);
};

test('RFC 4180: quoted commas, doubled quotes, embedded CRLF/LF, CRLF records, a BOM, an empty last field', () => {
  assert.deepEqual(fields('\ufeffa,b,c\r\n"x, y","say ""hi""","line1\r\nline2"\r\n1,,\r\n'), [
    ['a', 'b', 'c'],
    ['x, y', 'say "hi"', 'line1\r\nline2'],
    ['1', '', ''],
  ]);
  assert.deepEqual(fields('a,b\n1,2'), [['a', 'b'], ['1', '2']], 'LF and no final line break');
  assert.deepEqual(fields('a,b\r1,2\r'), [['a', 'b'], ['1', '2']], 'a lone CR ends a record');
});

test('entirely empty lines are not records (as csv.DictReader counts rows); a record keeps the line it starts on', () => {
  const r = parseCsv('h1,h2\n\n"multi\nline",x\r\n\r\nlast,y\n', 't.csv');
  assert.ok(r.ok);
  assert.deepEqual(r.records.map((x) => [x.line, x.fields[0]]), [[1, 'h1'], [3, 'multi\nline'], [6, 'last']]);
  assert.deepEqual(fields('h\n""\n'), [['h'], ['']], 'a quoted empty field is a record');
});

test('an unterminated quote is a located table.csvSyntax problem, not a crash', () => {
  const r = parseCsv('a,b\n1,2\n3,"never closed\nmore\n', 'bad.csv');
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.problem.code, 'table.csvSyntax');
  assert.equal(!r.ok && r.problem.at, 'bad.csv:3');
  assert.match(!r.ok ? r.problem.messageZh : '', /第 3 行/);
});

test('text after a closing quote is kept; a stray quote inside an unquoted field is literal', () => {
  assert.deepEqual(fields('"ab"cd,e"f\n'), [['abcd', 'e"f']]);
});

test('a 10 MB cell parses in linear time', () => {
  const big = '字'.repeat(10 * 1024 * 1024);
  const t0 = performance.now();
  const r = parseCsv(`a,b\n"${big}",1\n${big},2\n`, 'big.csv');
  assert.ok(r.ok);
  assert.equal(r.records[1]?.fields[0]?.length, big.length);
  assert.equal(r.records[2]?.fields[0]?.length, big.length);
  assert.ok(performance.now() - t0 < 5000, 'well under five seconds');
});

test('more records than the limit is input.tooLarge', () => {
  const r = parseCsv('h\n1\n2\n3\n', 't.csv', { maxRecords: 3 });
  assert.equal(!r.ok && r.problem.code, 'input.tooLarge');
  assert.ok(parseCsv('h\n1\n2\n', 't.csv', { maxRecords: 3 }).ok);
});
