#!/usr/bin/env node
// The README's main job: create a restore point and wait until it is available.
//
// With no cloud credentials in the environment it starts the embedded CBR mock server and runs against it.
// With credentials (HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK, or an IAM user: HUAWEICLOUD_SDK_DOMAIN_NAME +
// HUAWEICLOUD_SDK_USER_NAME + HUAWEICLOUD_SDK_PASSWORD, or HUAWEICLOUD_SDK_TOKEN with HUAWEICLOUD_SDK_PROJECT_ID),
// a region or endpoint (HUAWEICLOUD_SDK_REGION or CBR_ENDPOINT) and a vault (CBR_VAULT_ID, optionally
// CBR_RESOURCE_IDS=id1,id2) it runs the same steps against Huawei Cloud.
import { CbrClient, CbrError, ENVIRONMENT_VARIABLES } from '@cbr-sdk/checkpoint';
import { CREATE_CHECKPOINT_REQUEST_EXAMPLE } from '@cbr-sdk/checkpoint-api';
import { startMockServer } from '@cbr-sdk/mock-server';

const env = process.env;
const live = process.stdout.isTTY && !env.CI;
const has = (...names) => names.every((name) => env[ENVIRONMENT_VARIABLES[name]]);
// Any kind of credentials: CbrClient.fromEnv() then says clearly what else is missing.
const hasCloudCredentials =
  (has('accessKey', 'secretKey') || has('domainName', 'userName', 'password') || has('token')) &&
  (has('region') || has('endpoint')) &&
  env.CBR_VAULT_ID;

// The example request of Huawei's "Creating a Restore Point" page, as the spec holds it, and the page's project.
const SEED_PROJECT_ID = 'f841e01fd2b14e7fa41b6ae7aa6b0594';

async function main() {
  let mock;
  let cbr;
  let params;
  if (hasCloudCredentials) {
    cbr = CbrClient.fromEnv({ userAgent: 'cbr-sdk-demo' });
    const resources = env.CBR_RESOURCE_IDS?.split(',').filter(Boolean);
    params = {
      vault_id: env.CBR_VAULT_ID,
      parameters: {
        name: `sdk_demo_${Date.now()}`,
        description: 'created by the CBR SDK demo',
        ...(resources ? { resources } : {}),
      },
    };
    console.log(
      `Running against Huawei Cloud: ${cbr.endpoint} (project ${await cbr.resolveProjectId()}, ${cbr.authentication} auth).`,
    );
  } else {
    mock = await startMockServer({ port: 0, availableAfterMs: 2500 });
    cbr = new CbrClient({
      endpoint: mock.url,
      projectId: SEED_PROJECT_ID,
      credentials: { token: 'demo-token' },
    });
    params = CREATE_CHECKPOINT_REQUEST_EXAMPLE.checkpoint;
    console.log(
      `No cloud credentials in the environment: running against the embedded CBR mock server at ${mock.url}.`,
    );
    console.log(
      '(Set HUAWEICLOUD_SDK_AK/SK or an IAM user (HUAWEICLOUD_SDK_DOMAIN_NAME, _USER_NAME, _PASSWORD), HUAWEICLOUD_SDK_REGION and CBR_VAULT_ID to use Huawei Cloud.)',
    );
  }

  try {
    console.log(`\nCreating a restore point of vault ${params.vault_id}…`);
    const created = await cbr.checkpoints.create(params);
    console.log(`Created restore point ${created.id} (status: ${created.status}).`);

    // A live progress line on a terminal (redrawn as time passes), one plain line per status otherwise.
    const started = Date.now();
    const spinner = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
    let status = created.status;
    let frame = 0;
    const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s`;
    const render = () =>
      process.stdout.write(`\r\x1b[2K  ${spinner[frame++ % spinner.length]} ${elapsed()}  status: ${status}`);
    const ticker = live ? setInterval(render, 100) : undefined;
    const onStatus = (checkpoint, previous) => {
      status = checkpoint.status;
      if (live) render();
      else console.log(`  ${elapsed()}  status: ${previous ? `${previous} → ` : ''}${checkpoint.status}`);
    };
    let done;
    try {
      done = await cbr.checkpoints.waitUntilAvailable(created.id, {
        intervalMs: 500,
        maxIntervalMs: hasCloudCredentials ? 15_000 : 1_000,
        timeoutMs: hasCloudCredentials ? 30 * 60_000 : 60_000,
        onStatus,
      });
    } finally {
      clearInterval(ticker);
    }
    if (live) process.stdout.write('\n');
    console.log(
      `\nRestore point ${done.id} is ${done.status} after ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
    );
    printCheckpoint(done);
  } finally {
    await mock?.close();
  }
}

function printCheckpoint(checkpoint) {
  const rows = [
    ['id', checkpoint.id],
    ['status', checkpoint.status],
    ['created at', `${checkpoint.created_at} UTC`],
    ['project', checkpoint.project_id],
    ['vault', checkpoint.vault ? `${checkpoint.vault.name} (${checkpoint.vault.id})` : '-'],
    ['name', checkpoint.extra_info?.name ?? '-'],
    ['description', checkpoint.extra_info?.description ?? '-'],
    [
      'retention',
      checkpoint.extra_info?.retention_duration === -1
        ? 'kept forever'
        : `${checkpoint.extra_info?.retention_duration ?? '-'} days`,
    ],
  ];
  for (const [label, value] of rows) console.log(`  ${label.padEnd(12)} ${value}`);
  const resources = checkpoint.vault?.resources ?? [];
  console.log(`  resources    ${resources.length === 0 ? '-' : ''}`);
  for (const r of resources)
    console.log(`    - ${r.name} (${r.type}, ${r.resource_size ?? '?'} GB): ${r.protect_status ?? 'unknown'}`);
  for (const r of checkpoint.vault?.skipped_resources ?? [])
    console.log(`    - skipped ${r.id}: ${r.code} ${r.reason}`);
}

main().catch((error) => {
  if (error instanceof CbrError) console.error(`\nThe demo failed: ${error.name}: ${error.message}`);
  else console.error('\nThe demo failed:', error);
  process.exit(1);
});
