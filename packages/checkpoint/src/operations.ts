// The operations the SDK performs: CBR's own, and the IAM calls it makes for its users (a password token,
// the project of a region). Errors, hooks and log lines name them by their operationId in the specs.
import type { OperationId as CbrOperationId } from '@cbr-sdk/checkpoint-api';
import type { IamOperationId } from '@cbr-sdk/checkpoint-api/iam';

/** An operationId of the CBR spec (`createCheckpoint`, `showCheckpoint`) or of the IAM spec (`keystoneCreateUserTokenByPassword`, `keystoneListProjects`). */
export type OperationId = CbrOperationId | IamOperationId;
