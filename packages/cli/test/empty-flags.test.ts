// An empty value given to a flag (`--endpoint ''`, often an unset variable in a CI script) is a usage error
// that names the flag (exit 2, nothing sent), not a complaint about the environment it would have replaced.
import type { MockServer } from '@cbr-sdk/mock-server';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { runCbrInProcess } from './support/cbr-in-process.js';
import { REGION, startMock, tokenEnv, VAULT_ID } from './support/fixtures.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const GET = ['checkpoint', 'get', '8b0851a8-adf3-4f4c-a914-dead08bf9664'];
const CREATE = ['checkpoint', 'create', '--vault', VAULT_ID];

it.each([
  ['--endpoint', [...GET, '--endpoint', '']],
  ['--region', ['--region', '', ...GET]],
  ['--project-id', [...GET, '--project-id', '']],
  ['--project-id', [...GET, '--project-id', '  ']],
  ['--timeout', [...GET, '--timeout', '']],
  ['--vault', ['checkpoint', 'create', '--vault', '']],
  ['--name', [...CREATE, '--name', '']],
  ['--resource', [...CREATE, '--resource', '']],
  ['--wait-timeout', [...CREATE, '--wait-timeout', '']],
  ['checkpoint-id', ['checkpoint', 'get', '']],
  ['checkpoint-id', ['checkpoint', 'wait', '']],
])('an empty %s is a usage error naming it (exit 2, nothing sent)', async (flag, args) => {
  const env = { ...tokenEnv(mock), HUAWEICLOUD_SDK_REGION: REGION };
  const [result, json] = await Promise.all([
    runCbrInProcess(args, { env }),
    runCbrInProcess([...args, '--json'], { env }),
  ]);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).toContain(flag);
  expect(result.stderr).toMatch(/empty/);
  expect(result.stderr).not.toMatch(/HUAWEICLOUD_SDK|CBR_ENDPOINT/);
  expect(json.code).toBe(2);
  const { error } = JSON.parse(json.stderr.trim()) as { error: { name: string; message: string } };
  expect(error.name).toBe('UsageError');
  expect(error.message).toContain(flag);
  expect(mock.requests).toHaveLength(0);
});

it('an empty --description is sent as it is: the spec allows one (minLength 0)', async () => {
  const env = { ...tokenEnv(mock), HUAWEICLOUD_SDK_REGION: REGION };
  const result = await runCbrInProcess([...CREATE, '--description', '', '--json'], { env });
  expect(result.code, result.stderr).toBe(0);
  const creates = mock.requests.filter((request) => request.method === 'POST');
  expect(creates).toHaveLength(1);
  const sent = JSON.parse(creates[0]?.body.toString() ?? '');
  expect(sent.checkpoint.parameters.description).toBe('');
});
