// What every runtime does with the installed packages: create a restore point with a token, with AK/SK and as
// an IAM user (password) against the mock server at CBR_MOCK_URL (CBR and IAM on one port), wait until it is available, and print one JSON line for the test
// runner to check. CommonJS so that both the ESM and the CJS entry can load it in Node, Bun and Deno.
'use strict';

const PROJECT_ID = 'f841e01fd2b14e7fa41b6ae7aa6b0594';

/** Which runtime runs this, as it names itself. */
function runtimeName() {
  if (typeof globalThis.Deno?.version?.deno === 'string') return `deno ${globalThis.Deno.version.deno}`;
  if (typeof globalThis.process?.versions?.bun === 'string') return `bun ${globalThis.process.versions.bun}`;
  return `node ${globalThis.process.versions.node}`;
}

/** Creates and waits with each credential; returns { runtime, module, results: [{ auth, id, statuses, status }] }. */
async function createAndWait(sdk, api, moduleKind) {
  const env = globalThis.process.env;
  const endpoint = env.CBR_MOCK_URL;
  if (!endpoint) throw new Error('CBR_MOCK_URL is not set');
  const clients = {
    token: { projectId: PROJECT_ID, credentials: { token: env.CBR_TEST_TOKEN } },
    'AK/SK': { projectId: PROJECT_ID, credentials: { accessKey: env.CBR_TEST_AK, secretKey: env.CBR_TEST_SK } },
    // The token comes from the mock's IAM, scoped to the project named after the region (the seed's project).
    'IAM user': {
      region: 'cn-north-4',
      iamEndpoint: endpoint,
      credentials: { domainName: env.CBR_TEST_DOMAIN, userName: env.CBR_TEST_USER, password: env.CBR_TEST_PASSWORD },
    },
  };
  const results = [];
  for (const [auth, options] of Object.entries(clients)) {
    const cbr = new sdk.CbrClient({ endpoint, maxRetries: 0, ...options });
    const created = await cbr.checkpoints.create(api.CREATE_CHECKPOINT_REQUEST_EXAMPLE.checkpoint);
    const statuses = [created.status];
    const done = await cbr.checkpoints.waitUntilAvailable(created.id, {
      intervalMs: 100,
      timeoutMs: 20_000,
      onStatus: (checkpoint) => statuses.push(checkpoint.status),
    });
    results.push({ auth, id: created.id, doneId: done.id, statuses, status: done.status });
  }
  return { runtime: runtimeName(), module: moduleKind, results };
}

/** Runs the scenario and prints its JSON line; on failure prints the error's name and message and exits 1. */
function main(sdk, api, moduleKind) {
  createAndWait(sdk, api, moduleKind).then(
    (report) => console.log(JSON.stringify(report)),
    (error) => {
      console.error(`${error?.name ?? 'Error'}: ${error?.message ?? error}`);
      globalThis.process.exitCode = 1;
    },
  );
}

module.exports = { main };
