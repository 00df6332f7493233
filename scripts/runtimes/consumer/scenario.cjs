// What every runtime does with the installed packages: create a restore point with a token and with AK/SK
// against the mock server at CBR_MOCK_URL, wait until it is available, and print one JSON line for the test
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
  const credentials = {
    token: { token: env.CBR_TEST_TOKEN },
    'AK/SK': { accessKey: env.CBR_TEST_AK, secretKey: env.CBR_TEST_SK },
  };
  const results = [];
  for (const [auth, given] of Object.entries(credentials)) {
    const cbr = new sdk.CbrClient({ endpoint, projectId: PROJECT_ID, credentials: given, maxRetries: 0 });
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
