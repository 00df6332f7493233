// @cbr-sdk/checkpoint with an access key pair: every request is signed (SDK-HMAC-SHA256).
import { CbrClient } from '@cbr-sdk/checkpoint';

export const label = '@cbr-sdk/checkpoint (AK/SK)';

export function create({ endpoint, projectId, accessKey, secretKey, body }) {
  const cbr = new CbrClient({ endpoint, projectId, credentials: { accessKey, secretKey }, maxRetries: 0 });
  return () => cbr.checkpoints.create(body.checkpoint);
}
