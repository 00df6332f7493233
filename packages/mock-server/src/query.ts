// The query string of an operation, read as its parameters' types in the spec say (a number, a repeated key
// for an array, else a string) and checked against their rules: the same rules the client checks.
import { checkParameter, formatSchemaIssue, OPERATIONS, type OperationId } from '@cbr-sdk/checkpoint-api';
import { ERROR_CODES, HttpError } from './errors.js';

/** A query parameter as the generated constants describe it. */
interface QueryParameter {
  readonly name: string;
  readonly parameter: string;
  readonly type: string;
}

/**
 * The declared query parameters of an operation, read from `search`. Parameters the spec does not declare are
 * ignored (as the service ignores them). Throws an {@link HttpError} 400 (BackupService.9900) naming every
 * parameter that breaks its rule.
 */
export function readQuery(operationId: OperationId, search: URLSearchParams): Record<string, unknown> {
  const operation = OPERATIONS[operationId] as { queryParameters?: readonly QueryParameter[] };
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const { name, parameter, type } of operation.queryParameters ?? []) {
    const given = search.getAll(name);
    if (given.length === 0) continue;
    let value: unknown;
    if (type === 'array') {
      value = given;
    } else if (given.length > 1) {
      problems.push(`${name} is given ${given.length} times; it takes one value`);
      continue;
    } else if (type === 'integer' || type === 'number') {
      const text = given[0] as string;
      value = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text; // a non-number is refused by its type rule
    } else if (type === 'boolean') {
      value = given[0] === 'true' ? true : given[0] === 'false' ? false : given[0];
    } else {
      value = given[0];
    }
    const issues = checkParameter(parameter as Parameters<typeof checkParameter>[0], value);
    for (const issue of issues) problems.push(formatSchemaIssue(issue, name));
    if (issues.length === 0) values[name] = value;
  }
  if (problems.length > 0) throw new HttpError(400, ERROR_CODES.invalidParameter, problems.join('; '));
  return values;
}
