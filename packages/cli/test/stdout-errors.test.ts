// stdout that cannot be written (a full disk: ENOSPC, here /dev/full) is not a reader that went away (EPIPE):
// cbr says so in one line on stderr, with the restore point's id (it was created), and exits 1. No stack trace.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { MockServer } from '@cbr-sdk/mock-server';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { BIN, baseEnv, type CbrResult } from './support/cbr-process.js';
import { startMock, tokenEnv, VAULT_ID } from './support/fixtures.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  mock.store.availableAfterMs = 0;
});

/** Runs cbr with its stdout on /dev/full, where every write fails with ENOSPC. */
function runCbrIntoFullDisk(args: string[], env: Record<string, string>): Promise<CbrResult> {
  const full = openSync('/dev/full', 'w');
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...baseEnv(), ...env },
    stdio: ['ignore', full, 'pipe'],
  });
  closeSync(full);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout: '', stderr }));
  });
}

const createdId = () => {
  const ids = [...mock.store.checkpoints.keys()];
  expect(ids).toHaveLength(1);
  return ids[0] as string;
};

it.each([
  ['--json', ['--json']],
  ['text', []],
])('create %s > /dev/full: one line on stderr with the id, exit 1', async (_title, flags) => {
  const result = await runCbrIntoFullDisk(['checkpoint', 'create', '--vault', VAULT_ID, ...flags], tokenEnv(mock));
  const id = createdId();
  expect(result.code).toBe(1);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toContain(id);
  expect(lines[0]).toContain('ENOSPC');
  expect(lines[0]).toMatch(/created/);
  expect(result.stderr).not.toMatch(/^\s+at /m);
});

it('get > /dev/full: one line on stderr with the id, exit 1', async () => {
  await runCbrIntoFullDisk(['checkpoint', 'create', '--vault', VAULT_ID], tokenEnv(mock));
  const id = createdId();
  const result = await runCbrIntoFullDisk(['checkpoint', 'get', id, '--json'], tokenEnv(mock));
  expect(result.code).toBe(1);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toContain(id);
  expect(lines[0]).toContain('ENOSPC');
});

it('--help > /dev/full: one line on stderr, exit 1', async () => {
  const result = await runCbrIntoFullDisk(['--help'], {});
  expect(result.code).toBe(1);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toContain('ENOSPC');
});
