import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sanitizeHtml } from './sanitize.ts';

describe('sanitizeHtml', () => {
  it('keeps the tags of a document and drops scripts, handlers and dangerous links', () => {
    const r = sanitizeHtml('<h2 onclick="x()">第一条</h2><p style="color:red">为了<strong>规范</strong>管理<script>alert(1)</script></p><a href="javascript:alert(1)">链接</a><a href="/xxgk/documents/1">站内</a><img src="x" onerror="y"><iframe src="//evil"><p>隐藏</p></iframe><!-- c -->');
    assert.equal(r.html, '<h2>第一条</h2><p>为了<strong>规范</strong>管理</p><a>链接</a><a href="/xxgk/documents/1" rel="noopener noreferrer">站内</a><img alt="">');
    assert.equal(r.text, '第一条\n为了规范管理\n链接站内');
  });
  it('escapes text and closes what the input left open', () => {
    const r = sanitizeHtml('<p>a &lt;b&gt; "c"<ul><li>一');
    assert.equal(r.html, '<p>a &lt;b&gt; &quot;c&quot;</p><ul><li>一</li></ul>');
  });
});
