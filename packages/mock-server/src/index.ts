// @cbr-sdk/mock-server: a stateful stand-in for the CBR restore point API, validating against the spec, with
// scripted faults, for offline tests and demos; with IAM's routes, and the keyless sources of temporary keys
// (ECS metadata, OIDC federation, CCE pod identity) on the same port.
export type { AuthOptions, Caller } from './auth.js';
export type { CorsOption } from './cors.js';
export { ERROR_CODES, type ErrorBody, HttpError } from './errors.js';
export {
  type Answer,
  type Fault,
  type FaultAction,
  type FaultKind,
  FaultQueue,
  type FaultRoute,
  type FaultTarget,
} from './faults.js';
export { idTokenIssuer, type MintIdTokenOptions, MockFederation } from './federation.js';
export {
  DEFAULT_PROJECTS,
  type IamOptions,
  MockIam,
  type MockIamUser,
  type MockProject,
  SEED_PROJECT_ID,
  type TokenRefusal,
  type TokenSubject,
} from './iam.js';
export type { TokenClaims } from './iam-tokens.js';
export { type MetadataOptions, type MetadataSessionTokenMode, MockMetadata } from './metadata.js';
export { MockPodIdentity, type PodIdentityOptions } from './pod-identity.js';
export { DEFAULT_MAX_RECORDED_BYTES, RECORDED_BODY_BYTES, REDACTED, type RecordedRequest } from './recorder.js';
export type { MockOperationId } from './routes.js';
export { type MockServer, type MockServerOptions, startMockServer } from './server.js';
export {
  CheckpointStore,
  DEFAULT_MAX_CHECKPOINTS,
  DEFAULT_VAULTS,
  formatCreatedAt,
  type MockResource,
  type MockVault,
  type StoredCheckpoint,
} from './store.js';
export { type IssuedTemporaryKey, type TemporaryKeySource, TemporaryKeys } from './temporary-keys.js';
