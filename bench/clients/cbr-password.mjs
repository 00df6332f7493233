// @cbr-sdk/checkpoint with an IAM user's password: the SDK obtains a token from IAM (the loopback server's
// token route) on the first call and then reuses it, so after the warm-up this measures the cached-token path.
import { CbrClient } from '@cbr-sdk/checkpoint';

export const label = '@cbr-sdk/checkpoint (password, token cached)';

export function create({ endpoint, projectId, body }) {
  const cbr = new CbrClient({
    endpoint,
    iamEndpoint: endpoint,
    region: 'cn-north-4',
    projectId,
    credentials: { domainName: 'bench-account', userName: 'bench-user', password: 'bench-password' },
    maxRetries: 0,
  });
  return () => cbr.checkpoints.create(body.checkpoint);
}
