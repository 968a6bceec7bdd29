import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEntry } from '../../core/people/audit.ts';
import { auditPage } from './console.ts';

const entry = (seq: number, e: Partial<AuditEntry>): AuditEntry => ({
  seq,
  prevHash: '0'.repeat(64),
  hash: 'f'.repeat(64),
  at: '2026-12-04T16:05:09.000Z',
  actorId: 'u-1',
  actorName: '王晓燕',
  organizationId: 'org-1',
  action: 'login',
  subject: null,
  detail: {},
  ip: '10.0.0.8',
  ...e,
});

/** The text a reader sees: tags and their attributes (tooltips) removed. */
const visible = (html: string) => html.replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]*>/g, ' ');

describe('audit log page', () => {
  const html = auditPage(
    [
      entry(4, { action: 'case.step', subject: 'case:5b1f0c9e-7a7d-4c55-9d3e-2f1d1f0e8a11', detail: { step: 'deliver', seq: 3, from: 'answered', to: 'delivered' } }),
      entry(3, { action: 'case.register', subject: 'case:5b1f0c9e-7a7d-4c55-9d3e-2f1d1f0e8a11', detail: { number: '2026-000123', channel: 'online' } }),
      entry(2, { action: 'loginFailed', actorId: null, actorName: 'wangxy', detail: { reason: 'password' } }),
      entry(1, { action: 'report.update', subject: 'report:org-1:2026' }),
    ],
    { ok: true, entries: 4, head: 'f'.repeat(64), checked: 4 },
  );

  it('says each entry in words: the step and the states, the 申请编号, the reason of a failed login', () => {
    const text = visible(html);
    assert.match(text, /送达答复，已答复 → 已送达/);
    assert.match(text, /申请编号 2026-000123，申请方式：/);
    assert.match(text, /密码错误/);
    assert.match(text, /2026 年度报告/);
  });

  it('shows no internal identifier: no uuid, no step=… or JSON keys, no case: prefix (they stay as tooltips)', () => {
    const text = visible(html);
    assert.doesNotMatch(text, /5b1f0c9e|case:|report:|step=|from=|"step"|deliver\b|answered\b|password\b/);
    assert.match(html, /title="case:5b1f0c9e-7a7d-4c55-9d3e-2f1d1f0e8a11"/);
    assert.match(html, /href="\/applications\/5b1f0c9e-7a7d-4c55-9d3e-2f1d1f0e8a11"/);
  });

  it('gives times in Beijing time and says so', () => {
    assert.match(html, /时间（北京时间）/);
    assert.match(visible(html), /2026-12-05 00:05:09/);
    assert.doesNotMatch(html, /UTC/);
  });
});
