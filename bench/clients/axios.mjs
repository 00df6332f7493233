// Raw axios: one instance, default adapter (http), given a keep-alive agent like the baseline (Node 20's
// global agent keeps alive too). The default JSON transforms serialise the body and parse the answer.
import { Agent } from 'node:http';
import axios from 'axios';

export const label = 'raw axios (keep-alive agent)';

export function create({ endpoint, projectId, token, body }) {
  const instance = axios.create({ baseURL: endpoint, httpAgent: new Agent({ keepAlive: true }) });
  const url = `/v3/${encodeURIComponent(projectId)}/checkpoints`;
  const headers = { 'X-Auth-Token': token };
  return async () => (await instance.post(url, body, { headers })).data.checkpoint;
}
