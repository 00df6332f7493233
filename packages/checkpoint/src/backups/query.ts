// The query of listBackups: its type and its checks both come from the spec. The type pairs each query
// parameter's name (the spec's, snake_case) with the generated builder's argument in the same place; the
// check runs each parameter's validator compiled from the spec. Nothing here names a filter or a rule, so a
// parameter added to the spec is typed, checked and sent without an edit.
import {
  type BackupsApiAxiosParamCreator,
  checkParameter,
  OPERATIONS,
  type SchemaIssue,
} from '@cbr-sdk/checkpoint-api';
import { CbrValidationError } from '../errors/cbr-error.js';
import { formatIssues } from '../validation/validate-input.js';

/**
 * A listBackups query: the spec's query parameters by their wire names, all optional (`checkpoint_id`,
 * `vault_id`, `resource_id`, `resource_name`, `resource_type`, `resource_az`, `name`, `status` (any of
 * several), `image_type`, `parent_id`, `start_time`, `end_time`, `limit`, `offset`, `marker`, `sort`; their
 * meaning and rules are in the spec, `openapi/cbr-checkpoint.yaml`, and Huawei's ListBackups page). Each
 * parameter (in the spec's order) is paired with the generated builder's argument in the same place, after
 * the project ID.
 */
export type ListBackupsQuery = {
  -readonly [I in keyof (typeof OPERATIONS)['listBackups']['queryParameters'] &
    `${number}` as (typeof OPERATIONS)['listBackups']['queryParameters'][I]['name']]?: (Parameters<
    ReturnType<typeof BackupsApiAxiosParamCreator>['listBackups']
  > extends [string, ...infer Rest]
    ? Rest
    : never)[I];
};

const PARAMETERS = OPERATIONS.listBackups.queryParameters;
const BY_NAME = new Map<string, (typeof PARAMETERS)[number]>(PARAMETERS.map((p) => [p.name, p]));

/** Throws CbrValidationError naming each field and rule the query breaks, or each key the spec does not know. */
export function assertValidQuery(query: ListBackupsQuery): void {
  if (query === null || typeof query !== 'object' || Array.isArray(query)) {
    throw new CbrValidationError('listBackups query is invalid: it must be an object', [
      { path: '', rule: 'type', message: 'must be of type object' },
    ]);
  }
  const issues: SchemaIssue[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const parameter = BY_NAME.get(name);
    if (parameter === undefined) {
      // A misspelt filter (`checkpointId`) would otherwise list every backup.
      issues.push({ path: name, rule: 'unknownParameter', message: 'is not a query parameter of listBackups' });
      continue;
    }
    for (const issue of checkParameter(parameter.parameter, value)) {
      issues.push({
        ...issue,
        path: issue.path ? `${name}${issue.path.startsWith('[') ? '' : '.'}${issue.path}` : name,
      });
    }
  }
  if (issues.length > 0) throw new CbrValidationError(`listBackups query is invalid: ${formatIssues(issues)}`, issues);
}

/** The generated builder's arguments for the query, in the spec's order, after the project ID. */
export function listBackupsArguments(
  projectId: string,
  query: ListBackupsQuery,
): Parameters<ReturnType<typeof BackupsApiAxiosParamCreator>['listBackups']> {
  const values = query as Record<string, unknown>;
  return [projectId, ...PARAMETERS.map((p) => values[p.name])] as Parameters<
    ReturnType<typeof BackupsApiAxiosParamCreator>['listBackups']
  >;
}
