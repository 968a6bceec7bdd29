import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMAND_KINDS, parseCommand } from './commands.ts';
import { COMMON_STEP_FIELDS, STEP_FIELDS, choiceValues, type StepField } from './step-fields.ts';

/** A valid value of a field, as a form would post it (strings). */
function valid(f: StepField): string {
  switch (f.kind) {
    case 'text':
      return `某${f.key}`;
    case 'date':
      return '2025-11-03';
    case 'integer':
      return String(f.max);
    case 'amount':
      return '12.50';
    case 'choice':
      return choiceValues(f)[0] ?? '';
  }
}

const validInput = (kind: (typeof COMMAND_KINDS)[number]): Record<string, string> =>
  Object.fromEntries([...COMMON_STEP_FIELDS, ...STEP_FIELDS[kind].fields].map((f) => [f.key, valid(f)]));

describe('STEP_FIELDS: one description of each step drives its parsing', () => {
  it('reads every described field of every step, and nothing else', () => {
    for (const kind of COMMAND_KINDS) {
      const r = parseCommand(kind, { ...validInput(kind), stray: 'x' }, '张三');
      assert.ok(r.ok, `${kind}: ${JSON.stringify(!r.ok && r.problems)}`);
      const keys = new Set(Object.keys(r.value));
      const expected = new Set(['kind', 'actor', ...COMMON_STEP_FIELDS.map((f) => f.key), ...STEP_FIELDS[kind].fields.map((f) => f.key)]);
      assert.deepEqual(keys, expected, kind);
      for (const f of STEP_FIELDS[kind].fields) {
        const v: unknown = (r.value as unknown as Record<string, unknown>)[f.key];
        assert.equal(typeof v, f.kind === 'integer' || f.kind === 'amount' ? 'number' : 'string', `${kind}.${f.key}`);
      }
    }
  });

  it('refuses each field when it is wrong, located at the field and worded with its label', () => {
    for (const kind of COMMAND_KINDS) {
      for (const f of STEP_FIELDS[kind].fields) {
        const wrong = f.kind === 'text' ? 'x'.repeat(f.max + 1) : f.kind === 'amount' ? '0' : 'not-a-value';
        const r = parseCommand(kind, { ...validInput(kind), [f.key]: wrong }, '张三');
        assert.equal(r.ok, false, `${kind}.${f.key}`);
        const p = !r.ok ? r.problems.find((x) => x.at === f.key) : undefined;
        assert.ok(p, `${kind}.${f.key} located`);
        assert.ok(p.messageZh.includes(f.label), `${kind}.${f.key}: ${p.messageZh}`);
        // A required field left out is asked for.
        if (f.kind !== 'text' || f.required) {
          const { [f.key]: _omitted, ...rest } = validInput(kind);
          const missing = parseCommand(kind, rest, '张三');
          assert.ok(!missing.ok && missing.problems.some((x) => x.at === f.key), `${kind}.${f.key} required`);
        }
      }
    }
  });

  it('asks for the reason only where the description says so (延期: 条例第三十三条第二款)', () => {
    for (const kind of COMMAND_KINDS) {
      const { reason: _r, ...rest } = validInput(kind);
      const r = parseCommand(kind, rest, '张三');
      const needed = STEP_FIELDS[kind].reasonRequired;
      assert.equal(r.ok, needed === undefined, kind);
      if (needed !== undefined) assert.ok(!r.ok && r.problems.some((p) => p.at === 'reason' && p.messageZh.includes(needed)));
    }
    assert.deepEqual(COMMAND_KINDS.filter((k) => STEP_FIELDS[k].reasonRequired !== undefined), ['extend']);
  });
});
