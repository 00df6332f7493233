// Reads IAM's 2xx answers into what the SDK needs, checked against the IAM spec's schemas: a token (from
// the X-Subject-Token header, its project and lifetime from the body) and the IDs of the projects found.
import { checkParameter, formatSchemaIssue } from '@cbr-sdk/checkpoint-api';
import {
  checkIamSchema,
  type IamSchemaName,
  type KeystoneCreateUserTokenByPasswordResponseBody,
  type KeystoneListProjectsResponseBody,
  SUBJECT_TOKEN_HEADER,
} from '@cbr-sdk/checkpoint-api/iam';
import type { IssuedToken } from '../auth/token-cache.js';
import { invalidResponseError, parseJson, type RawResponse } from '../errors/from-response.js';
import { redact } from '../errors/redact.js';
import type { OperationId } from '../operations.js';

const SUBJECT_TOKEN = SUBJECT_TOKEN_HEADER.toLowerCase();

/** The body of a 2xx answer, or a CbrInvalidResponseError that names what the IAM spec's schema misses. */
function readBody<T>(operation: OperationId, response: RawResponse, schema: IamSchemaName): T {
  const body = parseJson(response.body);
  if (body === undefined) {
    throw invalidResponseError(operation, response, 'the answer is not JSON (empty, truncated or malformed)');
  }
  const issues = checkIamSchema(schema, body);
  if (issues.length > 0) {
    const list = issues.map((issue) => formatSchemaIssue(issue)).join('; ');
    throw invalidResponseError(operation, response, `the answer breaks the IAM spec: ${list}`);
  }
  return body as T;
}

/** The token of a keystoneCreateUserTokenByPassword answer, sent at local time `requestedAt`. */
export function readIssuedToken(response: RawResponse, requestedAt: number): IssuedToken {
  const operation = 'keystoneCreateUserTokenByPassword';
  const value = response.headers[SUBJECT_TOKEN]?.trim();
  // Whatever goes into an error from here on must not carry the new token (a gateway might echo it).
  const safe: RawResponse = value ? { ...response, body: redact(response.body, [value]) } : response;
  if (!value) throw invalidResponseError(operation, safe, `the answer has no ${SUBJECT_TOKEN_HEADER} header`);
  const { token } = readBody<KeystoneCreateUserTokenByPasswordResponseBody>(
    operation,
    safe,
    'KeystoneCreateUserTokenByPasswordResponseBody',
  );
  const projectId = token.project?.id;
  if (projectId === undefined) {
    throw invalidResponseError(operation, safe, 'the token is not scoped to a project (token.project is missing)');
  }
  if (checkParameter('ProjectId', projectId).length > 0) {
    throw invalidResponseError(operation, safe, 'token.project.id is not a valid CBR project ID');
  }
  const lifetimeMs = Date.parse(token.expires_at) - Date.parse(token.issued_at);
  if (!(lifetimeMs > 0)) {
    throw invalidResponseError(operation, safe, 'token.expires_at is not after token.issued_at');
  }
  return { value, projectId, lifetimeMs, requestedAt };
}

/** The IDs of the projects of a keystoneListProjects answer that are named `name`. */
export function readProjectIds(response: RawResponse, name: string): string[] {
  const { projects } = readBody<KeystoneListProjectsResponseBody>(
    'keystoneListProjects',
    response,
    'KeystoneListProjectsResponseBody',
  );
  // IAM filters by name already; a project of another name is not the region's, whatever IAM sent.
  return projects.filter((project) => project.name === name).map((project) => project.id);
}
