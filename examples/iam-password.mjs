#!/usr/bin/env node
// Signing in with an IAM user's password: the SDK obtains the token from IAM, keeps it fresh, and finds the
// project of the region from it. No IAM code here; CI runs this against the embedded mock server (which
// serves IAM's token route on the same port as CBR).
//
// Against Huawei Cloud, set HUAWEICLOUD_SDK_DOMAIN_NAME, HUAWEICLOUD_SDK_USER_NAME, HUAWEICLOUD_SDK_PASSWORD,
// HUAWEICLOUD_SDK_REGION and CBR_VAULT_ID (the IAM user needs programmatic access and CBR permissions).
import { CbrClient, ENVIRONMENT_VARIABLES } from '@cbr-sdk/checkpoint';
import { CREATE_CHECKPOINT_REQUEST_EXAMPLE } from '@cbr-sdk/checkpoint-api';
import { startMockServer } from '@cbr-sdk/mock-server';

const env = process.env;
const live =
  env[ENVIRONMENT_VARIABLES.domainName] &&
  env[ENVIRONMENT_VARIABLES.userName] &&
  env[ENVIRONMENT_VARIABLES.password] &&
  env[ENVIRONMENT_VARIABLES.region] &&
  env.CBR_VAULT_ID;

let mock;
let cbr;
let vaultId;
if (live) {
  cbr = CbrClient.fromEnv({ userAgent: 'cbr-sdk-example' });
  vaultId = env.CBR_VAULT_ID;
} else {
  // A throwaway IAM user of the mock: in real use the password comes from a secret store, never from code.
  const user = { domainName: 'acme-prod', userName: 'backup-bot', password: 'example-only-password' };
  mock = await startMockServer({ availableAfterMs: 1500, iamUsers: [user] });
  cbr = new CbrClient({
    region: 'cn-north-4', // the token is scoped to the project named after the region
    endpoint: mock.url, // without these two, https://cbr.cn-north-4… and https://iam.cn-north-4…
    iamEndpoint: mock.url,
    credentials: user,
  });
  vaultId = CREATE_CHECKPOINT_REQUEST_EXAMPLE.checkpoint.vault_id;
  console.log(`Running against the embedded mock server (CBR and IAM) at ${mock.url}.`);
}

try {
  console.log(`Project before the first call: ${cbr.projectId ?? '(not known yet)'}`);
  const created = await cbr.checkpoints.create({ vault_id: vaultId, parameters: { name: `nightly_${Date.now()}` } });
  console.log(`Created restore point ${created.id} in project ${await cbr.resolveProjectId()}.`);
  const done = await cbr.checkpoints.waitUntilAvailable(created.id, {
    onStatus: (checkpoint, previous) => console.log(`  ${previous ?? 'start'} → ${checkpoint.status}`),
  });
  console.log(`Restore point ${done.id} is ${done.status}.`);
  if (mock) {
    const tokens = mock.requests.filter((r) => r.operation === 'keystoneCreateUserTokenByPassword').length;
    const calls = mock.requests.length - tokens;
    console.log(`IAM token requests: ${tokens}, for ${calls} CBR requests.`);
    if (tokens !== 1) throw new Error(`expected exactly one token request, saw ${tokens}`);
  }
} finally {
  await mock?.close();
}
