// The routes of the mock, compiled from the specs' operations (CBR's OPERATIONS, IAM_OPERATIONS and
// CREDENTIAL_SOURCE_OPERATIONS: method, path template, path parameters), so a path or a parameter cannot drift
// from a spec.
import { checkParameter, formatSchemaIssue, OPERATIONS, type OperationId } from '@cbr-sdk/checkpoint-api';
import {
  CREDENTIAL_SOURCE_OPERATIONS,
  type CredentialSourceOperationId,
} from '@cbr-sdk/checkpoint-api/credential-sources';
import { IAM_OPERATIONS, type IamOperationId } from '@cbr-sdk/checkpoint-api/iam';
import { ERROR_CODES, HttpError } from './errors.js';

/** An operation the mock serves: one of CBR's, IAM's, or the metadata service's and pod identity's. */
export type MockOperationId = OperationId | IamOperationId | CredentialSourceOperationId;

interface Route {
  operationId: MockOperationId;
  method: string;
  pattern: RegExp;
  /** Path parameters; CBR's are checked by {@link checkPathParameters}, IAM's by the IAM routes. */
  parameters: readonly { name: string; parameter: string }[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');

// `/v3/{project_id}/checkpoints` → /^\/v3\/([^/]*)\/checkpoints\/?$/. An empty segment still matches,
// so that `/v3//checkpoints` is refused by the parameter's own rule (minLength) rather than a 404.
const ROUTES: Route[] = Object.entries({ ...OPERATIONS, ...IAM_OPERATIONS, ...CREDENTIAL_SOURCE_OPERATIONS }).map(
  ([operationId, operation]) => ({
    operationId: operationId as MockOperationId,
    method: operation.method,
    pattern: new RegExp(
      `^${operation.path
        .split(/\{[^}]+\}/)
        .map(escapeRegExp)
        .join('([^/]*)')}/?$`,
    ),
    parameters: operation.pathParameters as Route['parameters'],
  }),
);

/** A request matched to an operation of the spec, with its path parameters as they came (still encoded). */
export interface MatchedRoute {
  operationId: MockOperationId;
  rawParams: Record<string, string>;
}

/** The operation a method and path are for, or undefined (used to aim faults before anything is checked). */
export function operationOf(method: string, pathname: string): MockOperationId | undefined {
  return ROUTES.find((route) => route.method === method && route.pattern.test(pathname))?.operationId;
}

/**
 * Finds the operation of a request. Throws an {@link HttpError}: 404 for an unknown path, 405 for a known
 * path with another method.
 */
export function matchRoute(method: string, pathname: string): MatchedRoute {
  const onPath = ROUTES.filter((route) => route.pattern.test(pathname));
  if (onPath.length === 0) throw new HttpError(404, ERROR_CODES.noSuchApi, 'The API does not exist');
  const route = onPath.find((candidate) => candidate.method === method);
  if (!route) {
    const allow = onPath.map((candidate) => candidate.method).join(', ');
    throw new HttpError(405, ERROR_CODES.noSuchApi, `Method ${method} is not allowed here`, { allow });
  }
  const values = route.pattern.exec(pathname)?.slice(1) ?? [];
  const rawParams: Record<string, string> = {};
  route.parameters.forEach(({ name }, index) => {
    rawParams[name] = values[index] ?? '';
  });
  return { operationId: route.operationId, rawParams };
}

/**
 * Decodes the path parameters of a matched request and checks each against its rule in the spec. Throws an
 * {@link HttpError} 400 (BackupService.9900) naming every parameter that breaks it.
 */
export function checkPathParameters(match: MatchedRoute): Record<string, string> {
  const route = ROUTES.find((candidate) => candidate.operationId === match.operationId);
  const params: Record<string, string> = {};
  const problems: string[] = [];
  for (const { name, parameter } of route?.parameters ?? []) {
    let value: string;
    try {
      value = decodeURIComponent(match.rawParams[name] ?? '');
    } catch {
      problems.push(`${name} is not a valid percent-encoded path segment`);
      continue;
    }
    params[name] = value;
    for (const issue of checkParameter(parameter as 'ProjectId' | 'CheckpointId', value)) {
      problems.push(formatSchemaIssue(issue, name));
    }
  }
  if (problems.length > 0) throw new HttpError(400, ERROR_CODES.invalidParameter, problems.join('; '));
  return params;
}
