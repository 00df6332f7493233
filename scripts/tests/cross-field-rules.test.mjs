// The spec's `x-cross-field-rules`, compiled by scripts/lib/schema-module.mjs into the standalone validators:
// a rule checks what it says (and only when it applies), and a malformed rule is refused at generate time,
// naming the rule and what is wrong with it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compileValidators } from '../lib/schema-module.mjs';

const rule = {
  name: 'retention-not-with-auto-trigger',
  when: { auto_trigger: true },
  forbids: ['retention_duration_days'],
  message: 'is not allowed when auto_trigger is true',
};
const specWith = (rules) => ({
  components: {
    schemas: {
      Params: {
        type: 'object',
        'x-cross-field-rules': rules,
        properties: { auto_trigger: { type: 'boolean' }, retention_duration_days: { type: 'integer' } },
      },
    },
  },
});
// The `iam` prefix: a module that imports its two types instead of declaring them, which is easy to run as JS.
const compile = (rules) => compileValidators(specWith(rules), 'spec.yaml', 'iam');

const dir = mkdtempSync(join(tmpdir(), 'cross-field-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The compiled validator of `Params`, loaded as plain JavaScript (the module's TypeScript casts stripped). */
async function compiled(rules) {
  const source = compile(rules)
    .replace(/^import type .*$/gm, '')
    .replace(/ as unknown as SchemaValidator/g, '')
    .replace(/^export type .*$/gm, '')
    .replace(/: \{ readonly \[name in \w+\]: SchemaValidator \}/g, '');
  const file = join(dir, `validators-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, source);
  return (await import(pathToFileURL(file).href)).iamValidateParams;
}

describe('x-cross-field-rules', () => {
  it('refuses the forbidden field when the rule applies, naming the rule, and only then', async () => {
    const validate = await compiled([rule]);
    expect(validate({ auto_trigger: true, retention_duration_days: 7 })).toBe(false);
    expect(validate.errors).toEqual([
      expect.objectContaining({
        keyword: 'x-cross-field-rules',
        instancePath: '',
        params: { rule: rule.name, property: 'retention_duration_days', message: rule.message },
      }),
    ]);
    expect(validate({ auto_trigger: false, retention_duration_days: 7 })).toBe(true);
    expect(validate({ retention_duration_days: 7 })).toBe(true);
    expect(validate({ auto_trigger: true })).toBe(true);
  });

  it.each([
    [{ ...rule, name: 'Has Spaces' }, /a name of lower-case letters/],
    [{ ...rule, when: {} }, /"when" must map at least one property/],
    [{ ...rule, when: { auto_trigger: { const: true } } }, /values of "when" must be strings, numbers or booleans/],
    [{ ...rule, forbids: [] }, /"forbids" must list the properties/],
    [{ ...rule, message: '' }, /a message is required/],
  ])('refuses a malformed rule at generate time (%#)', (bad, why) => {
    expect(() => compile([bad])).toThrow(why);
  });
});
