// @cbr-sdk/checkpoint: the CBR restore point SDK people use. The models and enums are the generated ones,
// re-exported as they are (wire names in snake_case, as in Huawei's docs).
export type {
  BackupExtendInfo,
  BackupListResp,
  BackupResp,
  BackupStatusValue,
  CheckpointCreate,
  CheckpointCreateResp,
  CheckpointCreateSkippedResource,
  CheckpointExtraInfoResp,
  CheckpointParam,
  CheckpointPlanCreate,
  CheckpointResourceResp,
  CheckpointStatusValue,
  ErrorResponse,
  ProtectStatusValue,
  Region,
  Resource,
  SchemaIssue,
  VaultBackup,
  VaultBackupReq,
} from '@cbr-sdk/checkpoint-api';
export { BackupStatus, CheckpointStatus, ProtectStatus, REGIONS, ResourceType } from '@cbr-sdk/checkpoint-api';
export { CREDENTIAL_SOURCES, type DefaultCredentialsOptions, defaultCredentials } from './auth/chain.js';
export type {
  AccessKeyCredentials,
  AccessKeyProvider,
  AccessKeyProviderOptions,
  Credentials,
  PasswordCredentials,
  TemporaryAccessKeys,
  TokenCredentials,
  TokenProvider,
} from './auth/credentials.js';
export {
  DEFAULT_METADATA_ENDPOINT,
  type EcsMetadataOptions,
  fromEcsMetadata,
  METADATA_ENDPOINT_VARIABLE,
} from './auth/sources/ecs-metadata.js';
export { fromIdToken, ID_TOKEN_VARIABLES, type IdTokenOptions, type IdTokenSource } from './auth/sources/id-token.js';
export { fromPodIdentity, POD_IDENTITY_VARIABLES, type PodIdentityOptions } from './auth/sources/pod-identity.js';
export { CREDENTIALS_FILE_VARIABLE, fromProfile, type ProfileOptions } from './auth/sources/profile.js';
export { Backups } from './backups/backups.js';
export type { BackupPager, PagingQuery } from './backups/pages.js';
export type { ListBackupsQuery } from './backups/query.js';
export type { DeleteWaitOptions } from './backups/wait-until-deleted.js';
export type { CallOptions } from './checkpoints/checkpoints.js';
export { Checkpoints } from './checkpoints/checkpoints.js';
export type { WaitOptions } from './checkpoints/wait-until-available.js';
export { CbrClient } from './client.js';
export { ENVIRONMENT_VARIABLES, type EnvironmentOptions } from './config/from-env.js';
export type { CbrClientOptions } from './config/options.js';
export { SDK_VERSION } from './config/user-agent.js';
export {
  type ApiErrorDetails,
  CbrAbortError,
  CbrApiError,
  CbrAuthError,
  CbrBackupDeleteFailedError,
  CbrBackupWaitTimeoutError,
  CbrBadRequestError,
  CbrCheckpointFailedError,
  CbrConfigError,
  CbrError,
  CbrInvalidResponseError,
  CbrNetworkError,
  CbrNotFoundError,
  CbrServerError,
  CbrThrottledError,
  CbrTimeoutError,
  CbrValidationError,
  CbrWaitTimeoutError,
} from './errors/cbr-error.js';
export type { CredentialSourceOperationId, OperationId } from './operations.js';
export type { ClientHooks, Logger, RequestEvent, ResponseEvent, RetryEvent } from './transport/hooks.js';
export type { PollTiming } from './waiters/poll.js';
