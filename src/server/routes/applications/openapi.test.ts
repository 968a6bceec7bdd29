import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMAND_KINDS } from '../../../core/application/commands.ts';
import { COMMON_STEP_FIELDS, STEP_FIELDS, choiceValues } from '../../../core/application/step-fields.ts';
import { stepFields } from '../../views/cases.ts';
import { OPENAPI } from './openapi.ts';

type Schema = { properties: Record<string, { enum?: readonly string[]; maxLength?: number }>; required: string[] };
const stepBody = (kind: string): Schema => {
  const paths = OPENAPI.paths as unknown as Record<string, { post: { requestBody: { content: { 'application/json': { schema: Schema } } } } }>;
  const op = paths[`/api/applications/{id}/steps/${kind}`];
  assert.ok(op, `no OpenAPI entry for ${kind}`);
  return op.post.requestBody.content['application/json'].schema;
};

describe('a step described once: the OpenAPI body and the form come from STEP_FIELDS', () => {
  it('documents exactly the typed fields of each step, with their limits, choices and required ones', () => {
    for (const kind of COMMAND_KINDS) {
      const schema = stepBody(kind);
      const typed = [...COMMON_STEP_FIELDS, ...STEP_FIELDS[kind].fields].filter((f) => !f.fromAccount);
      assert.deepEqual(Object.keys(schema.properties).sort(), [...typed.map((f) => f.key), 'confirmDate', 'version'].sort(), kind);
      for (const f of typed) {
        if (f.kind === 'choice') assert.deepEqual(schema.properties[f.key]?.enum, choiceValues(f), `${kind}.${f.key}`);
        if (f.kind === 'text') assert.equal(schema.properties[f.key]?.maxLength, f.max, `${kind}.${f.key}`);
      }
      assert.ok(schema.required.includes('on'), kind);
      assert.equal(schema.required.includes('reason'), STEP_FIELDS[kind].reasonRequired !== undefined, kind);
    }
  });

  it('draws a labelled control for each typed field, with every choice, and none for the account fields', () => {
    for (const kind of COMMAND_KINDS) {
      const html = stepFields(kind, 's', null);
      for (const f of STEP_FIELDS[kind].fields) {
        const control = new RegExp(`<(input|textarea|select)[^>]* id="s-${f.key}" name="${f.key}"`);
        assert.equal(control.test(html), !f.fromAccount, `${kind}.${f.key}`);
        if (f.fromAccount) continue;
        assert.ok(html.includes(`<label for="s-${f.key}">${f.label}`), `${kind}.${f.key} label`);
        for (const v of choiceValues(f)) assert.ok(html.includes(`<option value="${v}">`), `${kind}.${f.key} option ${v}`);
      }
    }
  });
});
