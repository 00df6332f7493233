// The page test:runtimes loads in Chromium, bundled by esbuild from the installed @cbr-sdk/checkpoint tarball.
// It creates a restore point against the mock server named in the query string, waits for it, and shows the
// outcome as JSON in #result (and "done" or "failed" in #state) for the test to read back.
//   ?mock=<mock server URL>&auth=token   the token comes from this page's own origin (/api/cbr-token), as a
//                                         real app gets it from its backend: no long-lived secret in the page
//   ?mock=<url>&auth=aksk&ak=…&sk=…        AK/SK signing with Web Crypto (works, but keep secret keys out of
//                                         browsers: anyone who opens the page can read them)
import { CbrClient } from '@cbr-sdk/checkpoint';
import { CREATE_CHECKPOINT_REQUEST_EXAMPLE } from '@cbr-sdk/checkpoint-api';

const PROJECT_ID = 'f841e01fd2b14e7fa41b6ae7aa6b0594';
const query = new URLSearchParams(location.search);

function credentials() {
  if (query.get('auth') === 'aksk') return { accessKey: query.get('ak'), secretKey: query.get('sk') };
  return {
    token: async () => {
      const response = await fetch('/api/cbr-token');
      if (!response.ok) throw new Error(`/api/cbr-token answered ${response.status}`);
      return response.text();
    },
  };
}

function show(state, value) {
  document.querySelector('#result').textContent = JSON.stringify(value, null, 2);
  document.querySelector('#state').textContent = state;
}

async function main() {
  // X-Request-Id is readable in a page only when the server exposes it (CORS): the hook shows whether it is.
  const requestIds = [];
  const cbr = new CbrClient({
    endpoint: query.get('mock'),
    projectId: PROJECT_ID,
    credentials: credentials(),
    maxRetries: 0,
    hooks: { onResponse: (event) => requestIds.push(event.requestId ?? null) },
  });
  const created = await cbr.checkpoints.create(CREATE_CHECKPOINT_REQUEST_EXAMPLE.checkpoint);
  const statuses = [created.status];
  const done = await cbr.checkpoints.waitUntilAvailable(created.id, {
    intervalMs: 100,
    timeoutMs: 20_000,
    onStatus: (checkpoint) => statuses.push(checkpoint.status),
  });
  return { id: created.id, doneId: done.id, statuses, status: done.status, requestIds };
}

main().then(
  (value) => show('done', value),
  (error) => show('failed', { name: error?.name, message: String(error?.message ?? error) }),
);
