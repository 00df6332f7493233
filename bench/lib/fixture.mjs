// What every client sends: the seed page's example request, for the project of its example response,
// with made-up credentials (the loopback server ignores them).
import { CREATE_CHECKPOINT_REQUEST_EXAMPLE, CREATE_CHECKPOINT_RESPONSE_EXAMPLE } from '@cbr-sdk/checkpoint-api';

export function fixture(endpoint) {
  return {
    endpoint,
    projectId: CREATE_CHECKPOINT_RESPONSE_EXAMPLE.checkpoint.project_id,
    token: `MIIbench${'t'.repeat(56)}`,
    accessKey: 'BENCHACCESSKEY0000000',
    secretKey: 'bench-secret-key-0000000000000000000000',
    body: CREATE_CHECKPOINT_REQUEST_EXAMPLE,
    expectedId: CREATE_CHECKPOINT_RESPONSE_EXAMPLE.checkpoint.id,
  };
}
