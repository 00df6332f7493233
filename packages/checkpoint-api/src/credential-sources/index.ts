// @cbr-sdk/checkpoint-api/credential-sources: the services off IAM that hand temporary access keys to a program
// without a long-lived secret (the ECS metadata service, CCE pod identity), generated from
// openapi/credential-sources.yaml as the other entry points are from theirs. A subpath of its own because each
// generated client has a `Configuration`, a `BaseAPI`, a `RequiredError`.
import { checkWith, type SchemaIssue } from '../validation.js';
import {
  type CredentialSourcesParameterName,
  type CredentialSourcesSchemaName,
  credentialSourcesParameterValidators,
  credentialSourcesSchemaValidators,
} from './schema/validators.js';

// The types its validators and checks use, defined by the root entry point: a file that imports only this
// subpath can name them too.
export type { SchemaError, SchemaValidator } from '../schema/validators.js';
export type { SchemaIssue } from '../validation.js';
export { BASE_PATH, BaseAPI, type RequestArgs, RequiredError } from './client/base.js';
export * from './client/index.js';
export * from './schema/constants.js';
export * from './schema/validators.js';

/** Checks a value against one of the credential sources' schemas; an empty list means it conforms. */
export function checkCredentialSourceSchema(name: CredentialSourcesSchemaName, value: unknown): SchemaIssue[] {
  return checkWith(credentialSourcesSchemaValidators[name], value);
}

/** Checks the value of one of the credential sources' parameters; an empty list means it conforms. */
export function checkCredentialSourceParameter(name: CredentialSourcesParameterName, value: unknown): SchemaIssue[] {
  return checkWith(credentialSourcesParameterValidators[name], value);
}
