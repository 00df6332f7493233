#!/usr/bin/env node
// Running without keys: the same restore point taken with temporary keys from each keyless source, against the
// embedded mock server (CI runs this): the ECS metadata service of a server with an agency, OIDC federation with
// an ID token file (CCE workload identity, a CI job), CCE pod identity, and the default chain with nothing
// configured but the metadata service. No secret is written here; the mock hands out every key.
//
// On Huawei Cloud, none of the endpoints below is set: `new CbrClient({ region })` alone finds the source
// (see "Running without keys" in packages/checkpoint/README.md).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CbrClient, defaultCredentials, fromEcsMetadata, fromIdToken, fromPodIdentity } from '@cbr-sdk/checkpoint';
import { CREATE_CHECKPOINT_REQUEST_EXAMPLE } from '@cbr-sdk/checkpoint-api';
import { startMockServer } from '@cbr-sdk/mock-server';

const POD_TOKEN = 'example-pod-authorization-token';
const mock = await startMockServer({
  availableAfterMs: 500,
  metadata: { agency: true, sessionToken: 'required' }, // a server with an agency
  identityProviders: ['cce-workload'], // an IAM identity provider for the cluster's issuer
  podIdentity: { authorizationToken: POD_TOKEN }, // CCE's pod identity endpoint
});
const dir = mkdtempSync(join(tmpdir(), 'cbr-keyless-example-'));
const idTokenFile = join(dir, 'oidc-token'); // in a pod: the projected service-account token
const podTokenFile = join(dir, 'pod-token');
writeFileSync(idTokenFile, mock.mintIdToken('cce-workload'));
writeFileSync(podTokenFile, POD_TOKEN);
const vaultId = CREATE_CHECKPOINT_REQUEST_EXAMPLE.checkpoint.vault_id;
console.log(`Running against the embedded mock server (CBR, IAM, metadata, pod identity) at ${mock.url}.`);

// Each source, as a program would configure it; `endpoint`, `iamEndpoint` and the sources' URLs point at the mock.
const sources = {
  'ECS agency': fromEcsMetadata({ endpoint: mock.url }),
  'CCE workload identity': fromIdToken({ idpId: 'cce-workload', idTokenFile }),
  'CCE pod identity': fromPodIdentity({ uri: `${mock.url}/v1/credentials`, authorizationTokenFile: podTokenFile }),
  // Nothing in the environment, no credentials file: the chain ends at the metadata service.
  'the default chain': defaultCredentials({ env: { HOME: dir, HUAWEICLOUD_SDK_METADATA_ENDPOINT: mock.url } }),
};

try {
  for (const [where, credentials] of Object.entries(sources)) {
    // No projectId: it is found from the region with the temporary keys (a signed GET /v3/projects?name=…).
    const cbr = new CbrClient({ region: 'cn-north-4', endpoint: mock.url, iamEndpoint: mock.url, credentials });
    const created = await cbr.checkpoints.create({
      vault_id: vaultId,
      parameters: { description: `keyless example: ${where}` },
    });
    const done = await cbr.checkpoints.waitUntilAvailable(created.id, { timeoutMs: 30_000 });
    console.log(`${where}: restore point ${done.id} is ${done.status} (credentials from ${cbr.credentialSource})`);
  }
} finally {
  await mock.close();
  rmSync(dir, { recursive: true, force: true });
}
