// The generated typescript-axios client, as a user of @cbr-sdk/checkpoint-api alone would call it
// (the global axios instance, so Node's global keep-alive agent).
import { CheckpointsApi, Configuration } from '@cbr-sdk/checkpoint-api';

export const label = '@cbr-sdk/checkpoint-api (generated)';

export function create({ endpoint, projectId, token, body }) {
  const api = new CheckpointsApi(new Configuration({ basePath: endpoint, apiKey: token }));
  return async () => (await api.createCheckpoint(projectId, body)).data.checkpoint;
}
