// @cbr-sdk/checkpoint with a provider of temporary access keys (what fromEcsMetadata(), fromIdToken() and
// fromPodIdentity() are): the keys, valid for an hour, come once from the provider and are cached; every request
// is signed with them and carries X-Security-Token. Compared with cbr-aksk: the cost of the cache and the token.
import { CbrClient } from '@cbr-sdk/checkpoint';

export const label = '@cbr-sdk/checkpoint (temporary keys from a provider)';

export function create({ endpoint, projectId, accessKey, secretKey, body }) {
  let fetched = 0;
  const provider = async () => {
    fetched += 1;
    if (fetched > 1) throw new Error(`the provider was asked ${fetched} times: the keys are not cached`);
    return {
      accessKey,
      secretKey,
      securityToken: 'bench-security-token-0123456789',
      expiresAt: new Date(Date.now() + 60 * 60 * 1000),
    };
  };
  const cbr = new CbrClient({ endpoint, projectId, credentials: provider, maxRetries: 0 });
  return () => cbr.checkpoints.create(body.checkpoint);
}
