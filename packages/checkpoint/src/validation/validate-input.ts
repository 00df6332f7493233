// Checks what the caller passes against the spec's schemas (validators compiled from openapi/ at generate
// time) before anything is sent. No rule is written here.
import {
  checkParameter,
  checkSchema,
  formatSchemaIssue,
  type ParameterName,
  type SchemaIssue,
  type SchemaName,
} from '@cbr-sdk/checkpoint-api';
import { CbrValidationError } from '../errors/cbr-error.js';

/** The issues in one line: `parameters.name must … (maxLength); …`. */
export function formatIssues(issues: readonly SchemaIssue[], root?: string): string {
  return issues.map((issue) => formatSchemaIssue(issue, root)).join('; ');
}

function fail(what: string, issues: SchemaIssue[], root?: string): never {
  const list = formatIssues(issues, root);
  throw new CbrValidationError(
    `${what} is invalid: ${list}`,
    issues.map((issue) => ({
      ...issue,
      path: root ? (issue.path ? `${root}.${issue.path}` : root) : issue.path,
    })),
  );
}

/** Throws CbrValidationError naming each field and rule when `value` breaks the spec's schema `name`. */
export function assertMatchesSchema(what: string, name: SchemaName, value: unknown): void {
  const issues = checkSchema(name, value);
  if (issues.length > 0) fail(what, issues);
}

// A lone UTF-16 surrogate: such a string has no UTF-8 form, so it cannot be put in a URL.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Throws CbrValidationError when a path parameter breaks the spec, is `.`/`..` (which a URL would resolve as
 * a dot segment) or has a lone surrogate (no UTF-8 form); the generated request builder refuses those too.
 */
export function assertValidPathParameter(what: string, name: ParameterName, fieldName: string, value: unknown): void {
  const issues = checkParameter(name, value);
  if (value === '.' || value === '..') {
    issues.push({ path: '', rule: 'pathSegment', message: 'must not be "." or ".."' });
  }
  if (typeof value === 'string' && LONE_SURROGATE.test(value)) {
    issues.push({
      path: '',
      rule: 'wellFormedUnicode',
      message: 'must be well-formed Unicode (it has a lone surrogate)',
    });
  }
  if (issues.length > 0) fail(what, issues, fieldName);
}
