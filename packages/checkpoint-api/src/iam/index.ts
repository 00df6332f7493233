// @cbr-sdk/checkpoint-api/iam: the part of Huawei Cloud IAM that a CBR client needs (a password token, the
// project of a region), generated from openapi/iam.yaml as the CBR client is from its spec. A subpath of its
// own because both generated clients have a `Configuration`, a `BaseAPI`, a `RequiredError`.
import { checkWith, type SchemaIssue } from '../validation.js';
import {
  type IamParameterName,
  type IamSchemaName,
  iamParameterValidators,
  iamSchemaValidators,
} from './schema/validators.js';

// The types its validators and checks use, defined by the root entry point: a file that imports only this
// subpath can name them too.
export type { SchemaError, SchemaValidator } from '../schema/validators.js';
export type { SchemaIssue } from '../validation.js';
export { BASE_PATH, BaseAPI, type RequestArgs, RequiredError } from './client/base.js';
export * from './client/index.js';
export * from './schema/constants.js';
export * from './schema/validators.js';

/** Checks a value against one of the IAM spec's schemas; an empty list means it conforms. */
export function checkIamSchema(name: IamSchemaName, value: unknown): SchemaIssue[] {
  return checkWith(iamSchemaValidators[name], value);
}

/** Checks the value of one of the IAM spec's parameters (e.g. `ProjectName`); an empty list means it conforms. */
export function checkIamParameter(name: IamParameterName, value: unknown): SchemaIssue[] {
  return checkWith(iamParameterValidators[name], value);
}
