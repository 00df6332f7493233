// @cbr-sdk/checkpoint with an IAM token, configured as a user would (its default transport), retries off
// so that every call is exactly one request.
import { CbrClient } from '@cbr-sdk/checkpoint';

export const label = '@cbr-sdk/checkpoint (token)';

export function create({ endpoint, projectId, token, body }) {
  const cbr = new CbrClient({ endpoint, projectId, credentials: { token }, maxRetries: 0 });
  return () => cbr.checkpoints.create(body.checkpoint);
}
