// Turns the spec's compiled validators' findings into issues a person can act on: which field, which rule.
// The rules themselves live in the spec only (see src/schema/validators.ts).
import {
  type ParameterName,
  parameterValidators,
  type SchemaError,
  type SchemaName,
  type SchemaValidator,
  schemaValidators,
} from './schema/validators.js';

/** One way a value breaks the spec. */
export interface SchemaIssue {
  /** Where, as a property path from the checked value: `parameters.name`, `parameters.resource_details[0].type`. */
  path: string;
  /**
   * The spec's rule that is broken: `required`, `type`, `minLength`, `maxLength`, `enum`, `pattern`, …, or the
   * name of one of the spec's cross-field rules (`x-cross-field-rules`), e.g. `retention-not-with-auto-trigger`.
   */
  rule: string;
  /** What is wrong, in words, without the value itself (it may be long or sensitive). */
  message: string;
}

/** `/parameters/resource_details/0/type` → `parameters.resource_details[0].type`. */
function toPropertyPath(pointer: string, child?: string): string {
  const segments = pointer === '' ? [] : pointer.slice(1).split('/');
  if (child !== undefined) segments.push(child);
  let path = '';
  for (const raw of segments) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(segment) ? `[${segment}]` : path === '' ? segment : `.${segment}`;
  }
  return path;
}

/** The keyword of an error from a spec's cross-field rule (compiled by scripts/lib/schema-module.mjs). */
const CROSS_FIELD_RULES = 'x-cross-field-rules';

const plural = (count: unknown, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function describe(error: SchemaError): SchemaIssue {
  const { keyword, params } = error;
  switch (keyword) {
    case 'required':
      return {
        path: toPropertyPath(error.instancePath, String(params.missingProperty)),
        rule: keyword,
        message: 'is required',
      };
    case 'maxLength':
      return {
        path: toPropertyPath(error.instancePath),
        rule: keyword,
        message: `must be at most ${plural(params.limit, 'character')} long`,
      };
    case 'minLength':
      return {
        path: toPropertyPath(error.instancePath),
        rule: keyword,
        message: `must be at least ${plural(params.limit, 'character')} long`,
      };
    case 'enum':
      return {
        path: toPropertyPath(error.instancePath),
        rule: keyword,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'type':
      return { path: toPropertyPath(error.instancePath), rule: keyword, message: `must be of type ${params.type}` };
    case 'pattern':
      return {
        path: toPropertyPath(error.instancePath),
        rule: keyword,
        message: `must match the pattern ${String(params.pattern)}`,
      };
    case 'minimum':
      return { path: toPropertyPath(error.instancePath), rule: keyword, message: `must be at least ${params.limit}` };
    case 'maximum':
      return { path: toPropertyPath(error.instancePath), rule: keyword, message: `must be at most ${params.limit}` };
    case 'maxItems':
      return {
        path: toPropertyPath(error.instancePath),
        rule: keyword,
        message: `must have at most ${plural(params.limit, 'item')}`,
      };
    case 'minItems':
      return {
        path: toPropertyPath(error.instancePath),
        rule: keyword,
        message: `must have at least ${plural(params.limit, 'item')}`,
      };
    case 'not':
      return {
        path: toPropertyPath(error.instancePath),
        rule: keyword,
        message: 'is a value the spec rules out (see the field’s description)',
      };
    // A rule of a schema's `x-cross-field-rules` in the spec: the issue is on the property it forbids, and the
    // rule's name is what the message ends with, so a person can find the rule in the spec.
    case CROSS_FIELD_RULES:
      return {
        path: toPropertyPath(error.instancePath, String(params.property)),
        rule: String(params.rule),
        message: String(params.message),
      };
    default:
      return { path: toPropertyPath(error.instancePath), rule: keyword, message: error.message ?? `breaks ${keyword}` };
  }
}

/** Runs one of the generated validators (of any spec) and describes what it finds; empty when the value conforms. */
export function checkWith(validator: SchemaValidator, value: unknown): SchemaIssue[] {
  if (validator(value)) return [];
  const issues = (validator.errors ?? []).map(describe);
  // `allErrors` can report one rule twice through shared $refs; keep each (path, rule) once.
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.rule}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Checks a value against one of the spec's schemas; an empty list means it conforms. */
export function checkSchema(name: SchemaName, value: unknown): SchemaIssue[] {
  return checkWith(schemaValidators[name], value);
}

/** Checks the value of one of the spec's parameters (e.g. `ProjectId`); an empty list means it conforms. */
export function checkParameter(name: ParameterName, value: unknown): SchemaIssue[] {
  return checkWith(parameterValidators[name], value);
}

/** `parameters.name must be at most 64 characters long (maxLength)`, for messages. */
export function formatSchemaIssue(issue: SchemaIssue, root?: string): string {
  const path = root ? (issue.path ? `${root}.${issue.path}` : root) : issue.path || '(value)';
  return `${path} ${issue.message} (${issue.rule})`;
}
