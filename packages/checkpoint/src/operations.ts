// The operations the SDK performs: CBR's own, and the IAM calls it makes for its users (a password token,
// the project of a region). Errors, hooks and log lines name them by their operationId in the specs.
import type { OperationId as CbrOperationId } from '@cbr-sdk/checkpoint-api';
import type { CredentialSourceOperationId as SpecCredentialSourceOperationId } from '@cbr-sdk/checkpoint-api/credential-sources';
import type { IamOperationId } from '@cbr-sdk/checkpoint-api/iam';

/**
 * The requests of the keyless credential sources: the credential-sources spec's (the ECS metadata service,
 * CCE pod identity), GitHub's ID token endpoint (no spec of ours), and IAM's two federation calls.
 */
export type CredentialSourceOperationId =
  | SpecCredentialSourceOperationId
  | 'githubActionsIdToken'
  | 'createTokenWithIdToken'
  | 'createTemporaryAccessKeyByToken';

/** An operationId of the CBR spec (`createCheckpoint`, `showCheckpoint`) or of the IAM spec (`keystoneCreateUserTokenByPassword`, `keystoneListProjects`), or a credential source's request. */
export type OperationId = CbrOperationId | IamOperationId | CredentialSourceOperationId;
