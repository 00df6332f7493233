// Strings from the server (names, statuses, error messages) reach a terminal with their control characters
// shown escaped (`\x1b`), so a hostile name cannot set the window title, clear the screen or rewrite a line.
// cbr's own colours still work. JSON output is escaped by JSON itself.
import type { MockServer } from '@cbr-sdk/mock-server';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { runCbrInProcess } from './support/cbr-in-process.js';
import { startMock, tokenEnv, VAULT_ID } from './support/fixtures.js';
import { runInTerminal } from './support/terminal.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock();
});
afterAll(() => mock.close());
beforeEach(() => {
  mock.reset();
  mock.store.availableAfterMs = 0;
});

const HOSTILE = 'x\u001b]0;pwned\u0007\u001b[2J\r\u009b2J';
const SHOWN = 'x\\x1b]0;pwned\\x07\\x1b[2J\\r\\x9b2J';
const ID = '8b0851a8-adf3-4f4c-a914-dead08bf9664';

/** An answer carrying the hostile string in every text field the summary shows. */
const hostileCheckpoint = (status: string) => ({
  checkpoint: {
    id: ID,
    status,
    created_at: '2026-11-28T21:07:16.292681',
    project_id: 'f841e01fd2b14e7fa41b6ae7aa6b0594',
    extra_info: { name: HOSTILE },
    vault: {
      id: VAULT_ID,
      name: HOSTILE,
      resources: [{ id: 'r1', name: HOSTILE, type: 'OS::Nova::Server', protect_status: 'available' }],
      skipped_resources: [{ id: 'r2', code: 'X', reason: HOSTILE }],
    },
  },
});

/** No control character but the line break (and, with colours, cbr's own SGR sequences). */
function expectNoRawControls(text: string, colours: boolean) {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: cbr's own colour sequences are taken out first
  const withoutOwnColours = colours ? text.replace(/\u001b\[\d+m/g, '') : text;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
  expect(withoutOwnColours).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
}

it('get (text): every server string shown escaped on stdout', async () => {
  mock.faults.push({ route: 'showCheckpoint', kind: 'respond', status: 200, body: hostileCheckpoint('available') });
  const result = await runCbrInProcess(['checkpoint', 'get', ID], { env: tokenEnv(mock) });
  expect(result.code, result.stderr).toBe(0);
  expectNoRawControls(result.stdout, false);
  expect(result.stdout).toMatch(new RegExp(`^name\\s+${escapeRegExp(SHOWN)}$`, 'm'));
  expect(result.stdout.split(SHOWN)).toHaveLength(5); // the name, the vault, the resource, the skipped reason
});

it('get (text, FORCE_COLOR): cbr still paints, the server cannot', async () => {
  mock.faults.push({ route: 'showCheckpoint', kind: 'respond', status: 200, body: hostileCheckpoint('available') });
  const result = await runCbrInProcess(['checkpoint', 'get', ID], { env: { ...tokenEnv(mock), FORCE_COLOR: '1' } });
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toContain('\u001b[32mavailable\u001b[39m');
  expectNoRawControls(result.stdout, true);
  expect(result.stdout).toContain(SHOWN);
  expect(result.stdout).not.toContain('\u001b]0;');
});

it('an error message from the server is shown escaped on stderr', async () => {
  mock.faults.push({
    route: 'showCheckpoint',
    kind: 'respond',
    status: 400,
    body: { error_code: 'BackupService.6105', error_msg: HOSTILE },
  });
  const result = await runCbrInProcess(['checkpoint', 'get', ID], { env: tokenEnv(mock) });
  expect(result.code).toBe(1);
  expectNoRawControls(result.stderr, false);
  expect(result.stderr).toContain(SHOWN);
});

it('progress lines of a wait show a hostile status escaped', async () => {
  mock.faults.push({
    route: 'showCheckpoint',
    kind: 'respond',
    status: 200,
    body: hostileCheckpoint(`protecting${HOSTILE}`),
    times: Infinity,
  });
  const result = await runCbrInProcess(['checkpoint', 'wait', ID, '--wait-timeout', '300ms'], { env: tokenEnv(mock) });
  expect(result.code, result.stderr).toBe(3);
  expectNoRawControls(result.stderr, false);
  expect(result.stderr).toContain(`protecting${SHOWN}`);
});

it('the live line on a terminal shows a hostile status escaped', async () => {
  mock.faults.push({
    route: 'showCheckpoint',
    kind: 'respond',
    status: 200,
    body: hostileCheckpoint(`protecting${HOSTILE}`),
    times: Infinity,
  });
  const { code, screen } = await runInTerminal(['checkpoint', 'wait', ID, '--wait-timeout', '500ms'], tokenEnv(mock));
  expect(code).toBe(3);
  expect(screen).toContain(`protecting${SHOWN}`);
  expect(screen).not.toContain('\u001b]0;');
  expect(screen).not.toContain('\u0007');
  expect(screen).not.toContain('\u001b[2J');
});

it('--json keeps the exact string (JSON escapes it)', async () => {
  mock.faults.push({ route: 'showCheckpoint', kind: 'respond', status: 200, body: hostileCheckpoint('available') });
  const result = await runCbrInProcess(['checkpoint', 'get', ID, '--json'], { env: tokenEnv(mock) });
  expect(result.code).toBe(0);
  expectNoRawControls(result.stdout, false);
  expect((JSON.parse(result.stdout) as { extra_info: { name: string } }).extra_info.name).toBe(HOSTILE);
});

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
