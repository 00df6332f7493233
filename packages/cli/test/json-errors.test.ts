// With --json anywhere on the command line, every error is the one documented JSON document on stderr, usage
// errors found before commander has seen --json included, and it always has the same keys (null when unknown).
import type { MockServer } from '@cbr-sdk/mock-server';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { runCbrInProcess } from './support/cbr-in-process.js';
import { startMock, tokenEnv, VAULT_ID } from './support/fixtures.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const KEYS = ['name', 'message', 'code', 'status', 'requestId', 'checkpointId', 'checkpointStatus', 'possiblyCreated'];

/** stderr must be exactly one line of JSON: the error document. */
function onlyErrorDocument(stderr: string): Record<string, unknown> {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  const document = JSON.parse(lines[0] ?? '') as { error: Record<string, unknown> };
  expect(Object.keys(document)).toEqual(['error']);
  for (const key of KEYS) expect(document.error).toHaveProperty(key);
  return document.error;
}

it.each([
  [
    'a global option parsed before --json is seen',
    ['checkpoint', 'get', 'abc', '--json', '--timeout', 'bad'],
    'commander.invalidArgument',
    "'--timeout <duration>'",
  ],
  [
    '--json before the command',
    ['--json', 'checkpoint', 'get', 'abc', '--vualt'],
    'commander.unknownOption',
    '--vualt',
  ],
  [
    'an unknown option after --json',
    ['checkpoint', 'create', '--vault', VAULT_ID, '--json', '--vualt', 'x'],
    'commander.unknownOption',
    "'--vualt'",
  ],
  ['a missing argument', ['checkpoint', 'get', '--json'], 'commander.missingArgument', 'checkpoint-id'],
  ['no command at all', ['--json'], 'commander.help', 'cbr --help'],
  ['no subcommand', ['checkpoint', '--json'], 'commander.help', 'cbr checkpoint --help'],
])('%s: a JSON usage error (exit 2)', async (_title, args, code, named) => {
  const result = await runCbrInProcess(args, { env: tokenEnv(mock) });
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const error = onlyErrorDocument(result.stderr);
  expect(error).toEqual({
    name: 'UsageError',
    message: expect.stringContaining(named),
    code,
    status: null,
    requestId: null,
    checkpointId: null,
    checkpointStatus: null,
    possiblyCreated: null,
  });
  expect(mock.requests).toHaveLength(0);
});

it('an error after parsing (an empty --token-stdin) has every key too', async () => {
  const result = await runCbrInProcess(['--token-stdin', 'checkpoint', 'get', 'abc', '--json'], {
    env: { CBR_ENDPOINT: mock.url, HUAWEICLOUD_SDK_PROJECT_ID: 'f841e01fd2b14e7fa41b6ae7aa6b0594' },
    stdin: '',
  });
  expect(result.code).toBe(2);
  expect(onlyErrorDocument(result.stderr)).toMatchObject({
    name: 'UsageError',
    code: 'cbr.tokenStdinEmpty',
    checkpointId: null,
    checkpointStatus: null,
  });
});

it('a configuration error has every key too', async () => {
  const result = await runCbrInProcess(['checkpoint', 'get', 'abc', '--json'], { env: {} });
  expect(result.code).toBe(2);
  expect(onlyErrorDocument(result.stderr)).toMatchObject({ name: 'CbrConfigError', checkpointStatus: null });
});

it('--json before the command is the same --json (the restore point on stdout)', async () => {
  const created = await runCbrInProcess(['checkpoint', 'create', '--vault', VAULT_ID, '--json'], {
    env: tokenEnv(mock),
  });
  const id = (JSON.parse(created.stdout) as { id: string }).id;
  const result = await runCbrInProcess(['--json', 'checkpoint', 'get', id], { env: tokenEnv(mock) });
  expect(result.code, result.stderr).toBe(0);
  expect((JSON.parse(result.stdout) as { id: string }).id).toBe(id);
});
