// Reads IAM's 2xx answers into what the SDK needs: a token (the X-Subject-Token header; its project and
// lifetime from the body) and the IDs of the projects found. As for restore points, only what the SDK relies
// on is checked, each part with the IAM spec's validator for it (imported one by one, so a bundle keeps only
// these): a field IAM adds or changes elsewhere in its answer does not break an older client.
import { checkParameter, checkWith, formatSchemaIssue, type SchemaValidator } from '@cbr-sdk/checkpoint-api';
import {
  iamValidateProjectResult,
  iamValidateTokenProjectResult,
  type ProjectResult,
  SUBJECT_TOKEN_HEADER,
  type TokenProjectResult,
} from '@cbr-sdk/checkpoint-api/iam';
import type { IssuedToken } from '../auth/token-cache.js';
import { isHeaderValue } from '../config/header-value.js';
import { invalidResponseError, parseJson, type RawResponse } from '../errors/from-response.js';
import type { OperationId } from '../operations.js';

const SUBJECT_TOKEN = SUBJECT_TOKEN_HEADER.toLowerCase();

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The JSON body of a 2xx answer, which must be an object. */
function readObject(
  operation: OperationId,
  response: RawResponse,
  secrets: readonly string[],
): Record<string, unknown> {
  const body = parseJson(response.body);
  if (body === undefined) {
    throw invalidResponseError(operation, response, 'the answer is not JSON (empty, truncated or malformed)', secrets);
  }
  if (!isObject(body)) throw invalidResponseError(operation, response, 'the answer is not a JSON object', secrets);
  return body;
}

/** `value` checked by one of the IAM spec's validators; `what` names it in the error. */
function conforming<T>(
  operation: OperationId,
  response: RawResponse,
  secrets: readonly string[],
  what: string,
  validator: SchemaValidator,
  value: unknown,
): T {
  const issues = checkWith(validator, value);
  if (issues.length > 0) {
    const list = issues.map((issue) => formatSchemaIssue(issue, what)).join('; ');
    throw invalidResponseError(operation, response, `the answer breaks the IAM spec: ${list}`, secrets);
  }
  return value as T;
}

/**
 * The token of a keystoneCreateUserTokenByPassword answer, sent at local time `requestedAt`. `secrets` (the
 * request's password) and the new token itself never reach the error it may throw.
 */
export function readIssuedToken(
  response: RawResponse,
  requestedAt: number,
  requestSecrets: readonly string[] = [],
): IssuedToken {
  const operation = 'keystoneCreateUserTokenByPassword';
  const value = response.headers[SUBJECT_TOKEN]?.trim();
  // Whatever goes into an error from here on must not carry the new token (a gateway might echo it).
  const secrets = value ? [value, ...requestSecrets] : requestSecrets;
  const fail = (why: string) => invalidResponseError(operation, response, why, secrets);
  if (!value) throw fail(`the answer has no ${SUBJECT_TOKEN_HEADER} header`);
  // It goes back out as X-Auth-Token: a value no transport can send is IAM's fault, said here.
  if (!isHeaderValue(value)) throw fail(`the ${SUBJECT_TOKEN_HEADER} header has characters that cannot be sent back`);
  const { token } = readObject(operation, response, secrets);
  if (!isObject(token)) throw fail('the answer has no "token" object');
  if (token.project === undefined) throw fail('the token is not scoped to a project (token.project is missing)');
  const project = conforming<TokenProjectResult>(
    operation,
    response,
    secrets,
    'token.project',
    iamValidateTokenProjectResult,
    token.project,
  );
  if (checkParameter('ProjectId', project.id).length > 0 || !isHeaderValue(project.id)) {
    throw fail('token.project.id is not a valid CBR project ID');
  }
  const lifetimeMs = Date.parse(String(token.expires_at)) - Date.parse(String(token.issued_at));
  if (!(lifetimeMs > 0)) throw fail('token.expires_at is not a time after token.issued_at');
  return { value, projectId: project.id, lifetimeMs, requestedAt };
}

/** The IDs of the projects of a keystoneListProjects answer that are named `name`. */
export function readProjectIds(response: RawResponse, name: string, secrets: readonly string[] = []): string[] {
  const operation = 'keystoneListProjects';
  const { projects } = readObject(operation, response, secrets);
  if (!Array.isArray(projects)) {
    throw invalidResponseError(operation, response, 'the answer has no "projects" list', secrets);
  }
  // IAM filters by name already; a project of another name is not the region's, whatever IAM sent.
  return projects
    .filter((project) => isObject(project) && project.name === name)
    .map(
      (project, index) =>
        conforming<ProjectResult>(operation, response, secrets, `projects[${index}]`, iamValidateProjectResult, project)
          .id,
    );
}
