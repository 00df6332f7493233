// @cbr-sdk/checkpoint-api: the generated client (src/client, by openapi-generator) and what is compiled
// from the same spec (src/schema: validators and constants), plus the readable form of a validation failure.

// The generator's index leaves these out; callers need them to catch a refused parameter or extend the API.
export { BASE_PATH, BaseAPI, type RequestArgs, RequiredError } from './client/base.js';
export * from './client/index.js';
export * from './schema/constants.js';
export * from './schema/validators.js';
export * from './signing/sdk-hmac-sha256.js';
export * from './validation.js';
