// @cbr-sdk/checkpoint with a token on its axios transport: what it uses in browsers, behind an HTTP(S)_PROXY
// variable, or when the caller passes `axios`. Given here as an instance with a keep-alive agent.
import { Agent } from 'node:http';
import { CbrClient } from '@cbr-sdk/checkpoint';
import axios from 'axios';

export const label = '@cbr-sdk/checkpoint (token, axios)';

export function create({ endpoint, projectId, token, body }) {
  const cbr = new CbrClient({
    endpoint,
    projectId,
    credentials: { token },
    maxRetries: 0,
    axios: axios.create({ httpAgent: new Agent({ keepAlive: true }) }),
  });
  return () => cbr.checkpoints.create(body.checkpoint);
}
