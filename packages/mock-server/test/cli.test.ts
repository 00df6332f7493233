// The `cbr-mock-server` command: help, bad options, what each option does, stopping on SIGTERM and SIGINT.
// Most cases run the command in this process (support/mock-cli-in-process.ts: the same main() the bin runs,
// its output kept in memory, signals sent by the test). What only a real process shows runs the built bin
// (dist/cli.js) as a child: a real SIGTERM and SIGINT, the exit code the process ends with, the committed bin.
// When dist/cli.js is missing or older than the sources, a fresh build into a temporary directory stands in,
// so dist/ is never rewritten under other tests' feet. That directory is under the package's
// node_modules/.cache (ignored by git), so the bin still resolves its dependencies.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSchema } from '@cbr-sdk/checkpoint-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINTS_PATH, exampleRequest, PROJECT_ID } from './helpers.js';
import { runInProcess, startInProcess } from './support/mock-cli-in-process.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
let cli = join(packageDir, 'dist', 'cli.js');
let tempBuild: string | undefined;

// The build under test: dist/, which `npm test` (and a focused run) builds first, as turbo keeps it current. Only
// when it is missing (vitest run straight after a clone) is the command built here, into a folder of its own. (Not
// by comparing times: turbo leaves a current dist/ untouched, so a checkout that touched a source made every run
// rebuild, about 8 s.)
beforeAll(() => {
  if (existsSync(cli)) return;
  const cache = join(packageDir, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  tempBuild = mkdtempSync(join(cache, 'cli-test-'));
  const tsup = join(packageDir, '..', '..', 'node_modules', '.bin', 'tsup');
  const build = spawnSync(tsup, ['--out-dir', tempBuild], { cwd: packageDir, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`tsup failed: ${build.stderr}`);
  cli = join(tempBuild, 'cli.js');
}, 60_000);
afterAll(() => {
  if (tempBuild) rmSync(tempBuild, { recursive: true, force: true });
});

interface Running {
  child: ChildProcess;
  url: string;
  stop: (signal: NodeJS.Signals) => void;
  output: () => string;
  exit: Promise<number | null>;
}

/** Starts the built command in a child process and waits for its "listening on <url>" line. */
function startCli(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] as string, stop: (signal) => child.kill(signal), output: () => output, exit });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exit.then(() => reject(new Error(`exited early: ${output}`)));
  });
}

describe('cbr-mock-server, run in process', () => {
  it('prints its usage with --help and exits 0', async () => {
    const result = await runInProcess(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: cbr-mock-server \[options\]/);
    expect(result.stdout).toContain('--port <n>');
    expect(result.stdout).toContain('--max-checkpoints <n>');
    for (const flag of ['--metadata', '--identity-provider <id>', '--id-token-file', '--pod-identity <file>']) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toContain('--temporary-key-ttl <ms>');
  });

  it.each([
    [['--port', 'abc']],
    [['--bogus']],
    [['--access-key', 'no-colon']],
    [['--iam-user', 'no-account:pw']],
    [['--token-ttl', 'soon']],
    [['--cors', 'localhost:5173']],
    [['--max-checkpoints', '0']],
    [['--metadata-session-token', 'sometimes']],
    [['--id-token-file', 'no-equals-sign']],
    [['--pod-identity', '/nonexistent/pod-token']],
    [['--temporary-key-ttl', '0']],
    [['--iam-token-size', 'big']],
    [['--iam-token-size', '10']],
    [['--iam-token-size', '200000']],
  ])('refuses %j with exit code 2 and the usage', async (args) => {
    const result = await runInProcess(args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^cbr-mock-server: .+\n\nUsage:/);
  });

  it('issues IAM tokens to --iam-user with the --token-ttl lifetime and --iam-token-size length, and never logs the password', async () => {
    const running = await startInProcess([
      ...['--port', '0', '--iam-user', 'acme/bot:cli-pa55word', '--token-ttl', '5000'],
      ...['--iam-token-size', '2048'],
    ]);
    const reply = await fetch(`${running.url}/v3/auth/tokens?nocatalog=true`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: {
            methods: ['password'],
            password: { user: { name: 'bot', password: 'cli-pa55word', domain: { name: 'acme' } } },
          },
          scope: { project: { name: 'cn-north-4' } },
        },
      }),
    });
    expect(reply.status).toBe(201);
    const { token } = await reply.json();
    expect(Date.parse(token.expires_at) - Date.parse(token.issued_at)).toBe(5000);
    const subject = reply.headers.get('x-subject-token') ?? '';
    expect(subject).toHaveLength(2048);
    const created = await fetch(`${running.url}/v3/${token.project.id}/checkpoints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': subject },
      body: JSON.stringify(exampleRequest()),
    });
    expect(created.status).toBe(200);
    running.stop('SIGTERM');
    await running.exit;
    expect(running.output()).toContain('POST /v3/auth/tokens?nocatalog=true 201');
    expect(running.output()).not.toContain('cli-pa55word');
    expect(running.output()).not.toContain(subject.slice(0, 40));
  }, 20_000);

  it('keeps at most --max-checkpoints restore points: a forgotten one is 404', async () => {
    const running = await startInProcess([
      '--port',
      '0',
      '--available-after',
      '0',
      '--max-checkpoints',
      '1',
      '--quiet',
    ]);
    const headers = { 'content-type': 'application/json', 'x-auth-token': 't' };
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const created = await fetch(`${running.url}${CHECKPOINTS_PATH}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(exampleRequest()),
      });
      expect(created.status).toBe(200);
      ids.push((await created.json()).checkpoint.id);
    }
    const status = async (id: string | undefined) =>
      (await fetch(`${running.url}${CHECKPOINTS_PATH}/${id}`, { headers })).status;
    expect([await status(ids[0]), await status(ids[1])]).toEqual([404, 200]);
    running.stop('SIGTERM');
    expect(await running.exit).toBe(0);
  }, 20_000);

  it('serves the keyless sources: --metadata, --id-token-file (a fresh ID token), --pod-identity, --temporary-key-ttl', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cbr-mock-cli-'));
    const idTokenFile = join(dir, 'id-token');
    const podTokenFile = join(dir, 'pod-token');
    writeFileSync(podTokenFile, 'cli-pod-token\n');
    const running = await startInProcess([
      '--port',
      '0',
      '--metadata',
      '--metadata-session-token',
      'optional',
      '--credential-ttl',
      '60000',
      '--id-token-file',
      `github-ci=${idTokenFile}`,
      '--pod-identity',
      podTokenFile,
      '--temporary-key-ttl',
      '120000',
    ]);
    try {
      const key = await fetch(`${running.url}/openstack/latest/securitykey`);
      expect(key.status).toBe(200);
      const { credential } = await key.json();
      expect(Date.parse(credential.expires_at) - Date.now()).toBeLessThanOrEqual(60_000);

      const idToken = readFileSync(idTokenFile, 'utf8');
      const exchanged = await fetch(`${running.url}/v3.0/OS-AUTH/id-token/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-idp-id': 'github-ci' },
        body: JSON.stringify({ auth: { id_token: { id: idToken } } }),
      });
      expect(exchanged.status).toBe(201);
      const temporary = await fetch(`${running.url}/v3.0/OS-CREDENTIAL/securitytokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          auth: { identity: { methods: ['token'], token: { id: exchanged.headers.get('x-subject-token') } } },
        }),
      });
      expect(temporary.status).toBe(201);
      const expiresIn = Date.parse((await temporary.json()).credential.expires_at) - Date.now();
      expect(expiresIn).toBeGreaterThan(60_000);
      expect(expiresIn).toBeLessThanOrEqual(120_000);

      const pod = await fetch(`${running.url}/v1/credentials`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'cli-pod-token' },
        body: '{}',
      });
      expect(pod.status).toBe(200);
      running.stop('SIGTERM');
      expect(await running.exit).toBe(0);
      for (const secret of [idToken, 'cli-pod-token', credential.secret])
        expect(running.output()).not.toContain(secret);
    } finally {
      running.stop('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);

  it('bounds the vault with --vault-size, and frees it after --deleted-after and --retention-day', async () => {
    const running = await startInProcess([
      '--port',
      '0',
      '--available-after',
      '0',
      '--vault-size',
      '80',
      '--deleted-after',
      '0',
      '--retention-day',
      '1',
      '--quiet',
    ]);
    const headers = { 'content-type': 'application/json', 'x-auth-token': 't' };
    const createWith = (parameters: Record<string, unknown>) => {
      const body = exampleRequest();
      body.checkpoint.parameters = parameters;
      return fetch(`${running.url}${CHECKPOINTS_PATH}`, { method: 'POST', headers, body: JSON.stringify(body) });
    };
    // The seed's vault holds one 40 GB server: two backups fit in 80 GB, a third does not.
    const first = await createWith({ name: 'first' });
    expect(first.status).toBe(200);
    const firstId = (await first.json()).checkpoint.id;
    expect((await createWith({ name: 'second', retention_duration_days: 1 })).status).toBe(200);
    // A retention day of 1 ms has passed by the next request: the second backup is gone again.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await createWith({ name: 'third' })).status).toBe(200);
    const full = await createWith({ name: 'fourth' });
    expect(full.status).toBe(400);
    expect((await full.json()).error_code).toBe('BackupService.6114');
    // Deleting the first restore point's backup (gone at once with --deleted-after 0) makes room.
    const listed = await fetch(`${running.url}/v3/${PROJECT_ID}/backups?checkpoint_id=${firstId}`, { headers });
    const [backup] = (await listed.json()).backups;
    expect(
      (await fetch(`${running.url}/v3/${PROJECT_ID}/backups/${backup.id}`, { method: 'DELETE', headers })).status,
    ).toBe(204);
    expect((await createWith({ name: 'fifth' })).status).toBe(200);
    running.stop('SIGTERM');
    expect(await running.exit).toBe(0);
  }, 20_000);

  it('refuses a --vault-size that is not a number', async () => {
    const result = await runInProcess(['--vault-size', 'big']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--vault-size must be a non-negative integer');
  });

  it('says why and exits 1 when the mock cannot start (its port is taken), without the usage', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const result = await runInProcess(['--port', String((taken.address() as AddressInfo).port), '--quiet']);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^cbr-mock-server: .*EADDRINUSE.*\n$/);
      expect(result.stdout).toBe('');
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it.each([
    ['--cors (any origin, last)', ['--cors'], 'http://127.0.0.1:5173', '*'],
    ['--cors (any origin, before another option)', ['--cors', '--quiet'], 'http://127.0.0.1:5173', '*'],
    [
      '--cors <origins>',
      ['--cors', 'http://a.test:1,http://127.0.0.1:5173'],
      'http://127.0.0.1:5173',
      'http://127.0.0.1:5173',
    ],
    [
      '--cors <origin> repeated',
      ['--cors', 'http://a.test:1', '--cors', 'http://b.test'],
      'http://b.test',
      'http://b.test',
    ],
  ])(
    '%s answers preflights from the origins it allows',
    async (_label, args, origin, allowOrigin) => {
      const running = await startInProcess(['--port', '0', ...args]);
      try {
        const preflight = (from: string) =>
          fetch(`${running.url}${CHECKPOINTS_PATH}`, {
            method: 'OPTIONS',
            headers: {
              origin: from,
              'access-control-request-method': 'POST',
              'access-control-request-headers': 'x-auth-token',
            },
          });
        const allowed = await preflight(origin);
        expect(allowed.status).toBe(204);
        expect(allowed.headers.get('access-control-allow-origin')).toBe(allowOrigin);
        if (allowOrigin !== '*') expect((await preflight('http://elsewhere.test')).status).toBe(403);
      } finally {
        running.stop('SIGTERM');
        await running.exit;
      }
    },
    20_000,
  );

  it('sends no CORS headers without --cors', async () => {
    const running = await startInProcess(['--port', '0', '--quiet']);
    try {
      const answer = await fetch(`${running.url}${CHECKPOINTS_PATH}`, {
        method: 'OPTIONS',
        headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'POST' },
      });
      expect(answer.status).toBe(405);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      running.stop('SIGTERM');
      await running.exit;
    }
  }, 20_000);
});

// What only a real process shows: the signals reach the command, and the process ends with code 0 once the
// mock has closed (the usage error's exit code 2, and --help's 0, are the committed bin's cases below).
describe('cbr-mock-server, run as the built command in a child process', () => {
  it('serves on the port it prints, logs without secrets, and stops cleanly on SIGTERM', async () => {
    const running = await startCli(['--port', '0', '--available-after', '0', '--token', 'cli-secret-token']);
    const post = (token: string) =>
      fetch(`${running.url}${CHECKPOINTS_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-auth-token': token },
        body: JSON.stringify(exampleRequest()),
      });

    const created = await post('cli-secret-token');
    expect(created.status).toBe(200);
    const body = await created.json();
    expect(checkSchema('CheckpointCreateResp', body)).toEqual([]);
    const shown = await fetch(`${running.url}${CHECKPOINTS_PATH}/${body.checkpoint.id}`, {
      headers: { 'x-auth-token': 'cli-secret-token' },
    });
    expect((await shown.json()).checkpoint.status).toBe('available');
    expect((await post('another-token')).status).toBe(401);

    running.stop('SIGTERM');
    expect(await running.exit).toBe(0);
    expect(running.output()).toContain(`POST ${CHECKPOINTS_PATH} 200`);
    expect(running.output()).toContain(`POST ${CHECKPOINTS_PATH} 401`);
    expect(running.output()).toContain('SIGTERM, stopping');
    expect(running.output()).not.toContain('cli-secret-token');
    await expect(fetch(running.url)).rejects.toThrow();
  }, 20_000);

  it('stops on SIGINT too', async () => {
    const running = await startCli(['--port', '0', '--quiet']);
    expect((await fetch(`${running.url}/`)).status).toBe(404);
    running.stop('SIGINT');
    expect(await running.exit).toBe(0);
    expect(running.output()).not.toContain('GET /');
  }, 20_000);
});

// The bin npm links is the committed bin/cbr-mock-server.mjs (so that it is linked in a fresh clone, before
// any build); it runs dist/cli.js. Each case runs a copy of it beside the build under test, or beside none.
describe('the committed bin', () => {
  const shim = join(packageDir, 'bin', 'cbr-mock-server.mjs');
  let root: string;
  beforeAll(() => {
    const cache = join(packageDir, 'node_modules', '.cache');
    mkdirSync(cache, { recursive: true });
    root = mkdtempSync(join(cache, 'bin-test-'));
    mkdirSync(join(root, 'bin'));
    copyFileSync(shim, join(root, 'bin', 'cbr-mock-server.mjs'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is what package.json declares, and is executable', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    expect(manifest.bin).toEqual({ 'cbr-mock-server': './bin/cbr-mock-server.mjs' });
    expect(manifest.files).toContain('bin');
    expect(statSync(shim).mode & 0o111).not.toBe(0);
    expect(readFileSync(shim, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it('says to run the build, and exits 1, when the command is not built', () => {
    const result = spawnSync(process.execPath, [join(root, 'bin', 'cbr-mock-server.mjs'), '--help'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/not built yet \(dist\/cli\.js is missing\)/);
    expect(result.stderr).toContain('run `npm run build`');
  });

  it('runs the built command, arguments and exit code included', () => {
    symlinkSync(dirname(cli), join(root, 'dist'), 'dir');
    try {
      const bad = spawnSync(process.execPath, [join(root, 'bin', 'cbr-mock-server.mjs'), '--port', 'x'], {
        encoding: 'utf8',
      });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/--port must be a non-negative integer/);
      // Run through a link, as node_modules/.bin has it, by a runtime that does not resolve the link itself.
      const binDir = join(root, 'node_modules', '.bin');
      mkdirSync(binDir, { recursive: true });
      symlinkSync(join('..', '..', 'bin', 'cbr-mock-server.mjs'), join(binDir, 'cbr-mock-server'));
      const linked = spawnSync(
        process.execPath,
        ['--preserve-symlinks-main', join(binDir, 'cbr-mock-server'), '--help'],
        { encoding: 'utf8' },
      );
      expect(linked.status).toBe(0);
      expect(linked.stderr).toBe('');
      expect(linked.stdout).toMatch(/^Usage: cbr-mock-server \[options\]/);
    } finally {
      rmSync(join(root, 'dist'), { force: true });
      rmSync(join(root, 'node_modules'), { recursive: true, force: true });
    }
  });
});
