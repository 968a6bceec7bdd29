import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { xmlShape } from './xml-shape.ts';

describe('xmlShape', () => {
  const limits = { depth: 4, topLevel: 5 };
  it('one root with a declaration, comments and blanks around it passes', () => {
    assert.equal(xmlShape('<?xml version="1.0"?>\n<!-- c -->\n<r><a><b><c/></b></a></r>\n', limits), null);
  });
  it('a second root element is refused', () => {
    assert.deepEqual(xmlShape('<r/><r/>', limits), { limit: 'roots' });
  });
  it('depth is counted over open elements, closed ones give it back', () => {
    assert.equal(xmlShape('<r><a><b><c/></b></a><a><b><c/></b></a></r>', limits), null);
    assert.deepEqual(xmlShape('<r><a><b><c><d/></c></b></a></r>', limits), { limit: 'depth', max: 4 });
    assert.deepEqual(xmlShape(`<r>${'<a>'.repeat(10)}`, limits), { limit: 'depth', max: 4 });
  });
  it('top-level nodes: comments, instructions and text runs count, blanks do not', () => {
    assert.deepEqual(xmlShape(`<r/>${'<!--x-->'.repeat(5)}`, limits), { limit: 'topLevel', max: 5 });
    assert.deepEqual(xmlShape(`<r/>${'<?p?>'.repeat(5)}`, limits), { limit: 'topLevel', max: 5 });
    assert.deepEqual(xmlShape(`text<!--a-->text<!--b-->text<r/>`, limits), { limit: 'topLevel', max: 5 });
    assert.equal(xmlShape(`${'  \n'.repeat(50)}<r/>${'\n'.repeat(50)}`, limits), null);
  });
});
