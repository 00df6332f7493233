// The operations the SDK performs: CBR's own, and the IAM calls it makes for its users (a password token,
// the project of a region). Errors, hooks and log lines name them by their operationId in the specs.
import type { OperationId as CbrOperationId } from '@cbr-sdk/checkpoint-api';
import type { IamOperationId } from '@cbr-sdk/checkpoint-api/iam';

/**
 * The requests of the keyless credential sources that no spec of ours describes (the metadata service of an ECS
 * server, CCE's pod identity endpoint, GitHub's ID token endpoint), and IAM's two federation calls.
 */
export type CredentialSourceOperationId =
  | 'ecsMetadataSessionToken'
  | 'ecsMetadataSecurityKey'
  | 'podIdentityCredentials'
  | 'githubActionsIdToken'
  | 'createTokenWithIdToken'
  | 'createTemporaryAccessKeyByToken';

/** An operationId of the CBR spec (`createCheckpoint`, `showCheckpoint`) or of the IAM spec (`keystoneCreateUserTokenByPassword`, `keystoneListProjects`), or a credential source's request. */
export type OperationId = CbrOperationId | IamOperationId | CredentialSourceOperationId;
