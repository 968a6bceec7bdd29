/** editTree: the staff page's edits of the catalog tree, decided purely, every refusal coded. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDocumentMove, editTree, seedTree, type CatalogNode } from './tree.ts';

let n = 0;
const newId = () => `n${(n += 1)}`;
const seeded = seedTree('org', [{ code: 'J01', name: '重大建设项目' }, { code: 'J02', name: '公共资源交易' }], newId);
const none = () => 0;
const apply = (nodes: readonly CatalogNode[], r: ReturnType<typeof editTree>): CatalogNode[] => {
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  const byId = new Map(nodes.map((x) => [x.id, x]));
  for (const u of r.upsert) byId.set(u.id, u);
  for (const id of r.remove) byId.delete(id);
  return [...byId.values()];
};

test('add under a 第二十条 node takes its item; codes are generated or checked; names are checked', () => {
  const a20 = seeded.find((x) => x.code === 'A20-5') as CatalogNode;
  const r = editTree(seeded, { kind: 'add', parentId: a20.id, name: '  城乡低保  ', code: '' }, newId, none);
  assert.ok(r.ok);
  assert.deepEqual([r.upsert[0]?.name, r.upsert[0]?.item, r.upsert[0]?.parentId, r.upsert[0]?.position], ['城乡低保', a20.item, a20.id, 0]);
  assert.match(r.upsert[0]?.code ?? '', /^N\d+$/);
  for (const [edit, at] of [
    [{ kind: 'add', parentId: null, name: '', code: '' }, 'name'],
    [{ kind: 'add', parentId: null, name: '长'.repeat(61), code: '' }, 'name'],
    [{ kind: 'add', parentId: null, name: '甲', code: 'J01' }, 'code'],
    [{ kind: 'add', parentId: null, name: '甲', code: 'a b' }, 'code'],
    [{ kind: 'add', parentId: 'nope', name: '甲', code: '' }, 'parentId'],
    [{ kind: 'rename', id: 'nope', name: '甲' }, 'id'],
  ] as const) {
    const bad = editTree(seeded, edit, newId, none);
    assert.ok(!bad.ok);
    assert.deepEqual(bad.problems.map((p) => [p.code, p.at]), [['catalog.invalid', at]]);
  }
});

test('rename, move up and down among siblings, remove only what is safe', () => {
  const j1 = seeded.find((x) => x.code === 'J01') as CatalogNode;
  const j2 = seeded.find((x) => x.code === 'J02') as CatalogNode;
  let nodes = apply(seeded, editTree(seeded, { kind: 'rename', id: j1.id, name: '重大建设项目批准和实施' }, newId, none));
  assert.equal(nodes.find((x) => x.id === j1.id)?.name, '重大建设项目批准和实施');
  nodes = apply(nodes, editTree(nodes, { kind: 'move', id: j2.id, direction: 'up' }, newId, none));
  const order = nodes.filter((x) => x.parentId === j1.parentId).sort((a, b) => a.position - b.position).map((x) => x.code);
  assert.deepEqual(order, ['J02', 'J01']);
  const top = editTree(nodes, { kind: 'move', id: j2.id, direction: 'up' }, newId, none);
  assert.deepEqual(top, { ok: true, upsert: [], remove: [] }, 'nothing above the first');
  const a20 = seeded.find((x) => x.code === 'A20-1') as CatalogNode;
  const root = seeded.find((x) => x.code === 'JICENG') as CatalogNode;
  for (const [id, filed, why] of [[a20.id, 0, /第二十条/], [root.id, 0, /下级栏目/], [j1.id, 3, /3 件文件/]] as const) {
    const r = editTree(nodes, { kind: 'remove', id }, newId, () => filed);
    assert.ok(!r.ok);
    assert.match(r.problems[0]?.messageZh ?? '', why);
  }
  assert.deepEqual(editTree(nodes, { kind: 'remove', id: j1.id }, newId, none), { ok: true, upsert: [], remove: [j1.id] });
});

test('checkDocumentMove: to another node of the organisation, never into another 第二十条 item, never nothing', () => {
  const node = (id: string, item: string | null, name = id) => ({ id, organizationId: 'o', parentId: null, code: id, name, item, position: 0 });
  const nodes = [node('a', '5'), node('b', '5'), node('c', '1', '（一）行政法规'), node('d', null)];
  assert.deepEqual(checkDocumentMove(nodes, 'a', 'b', ['5', '5']), []);
  assert.deepEqual(checkDocumentMove(nodes, 'a', 'd', ['5', null]), [], 'a node of no item takes any');
  assert.match(checkDocumentMove(nodes, 'a', 'c', ['5', '1'])[0]?.messageZh ?? '', /1 件文件不属于该项/);
  assert.equal(checkDocumentMove(nodes, 'a', 'a', ['5'])[0]?.at, 'to');
  assert.equal(checkDocumentMove(nodes, 'a', 'zz', ['5'])[0]?.at, 'to');
  assert.equal(checkDocumentMove(nodes, 'zz', 'b', ['5'])[0]?.at, 'id');
  assert.match(checkDocumentMove(nodes, 'a', 'b', [])[0]?.messageZh ?? '', /没有文件/);
});
