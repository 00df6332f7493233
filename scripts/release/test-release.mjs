#!/usr/bin/env node
// `npm run test:release`: the release manager's path, run for real against a throwaway registry, then the
// published packages tried from the consumer's side. Nothing here publishes to a real registry or writes to
// this working copy:
//   1. clone this repository (its committed HEAD) into a temp folder and `npm ci` there;
//   2. start verdaccio on 127.0.0.1 with an ephemeral port, storage in the temp folder; @cbr-sdk/* is served
//      from that storage only, everything else is proxied read-only from the registry npm uses here;
//   3. add a changeset, `npm run version-packages`: versions (one for the fixed group), changelogs, lockfile;
//   4. `npm run release` to verdaccio; every package arrives at the new version under `latest`;
//   5. a snapshot: `npm run version-packages:snapshot` + `npm run release:snapshot`, under the `next` dist-tag;
//   6. consumers outside the repository install the published packages: the tarballs' contents, require and
//      import, the bin, TypeScript (node16 ESM and CJS, bundler), a minified browser bundle and its size, and
//      one create + waitUntilAvailable against the published mock server;
//   7. a fresh folder installs @cbr-sdk/cli alone (with the mock server to talk to) and runs `npx cbr --version`
//      and `npx cbr checkpoint create --wait --json` against `npx cbr-mock-server`.
// Prints PASS/FAIL per check and ends with "release: N passed, M failed". `--keep` keeps the temp folder.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readJson, write, writeJson } from '../lib/files.mjs';
import { freePort, run } from '../lib/process.mjs';
import { PACKAGE_FOLDERS } from '../lib/published-packages.mjs';
import { Abort, createReport } from '../lib/report.mjs';
import { installToolFolder } from '../lib/tool-folder.mjs';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const verdaccioDir = join(import.meta.dirname, 'verdaccio');
const FOLDERS = PACKAGE_FOLDERS;
const PACKAGES = Object.keys(FOLDERS);
/** The libraries (every package but the command, which has no importable entry). */
const LIBRARIES = PACKAGES.filter((name) => name !== '@cbr-sdk/cli');
const STARTED = Date.now();
const { pass, fail, check, must, section, summary } = createReport(STARTED);

// ---------------------------------------------------------------------------------------------------------
// processes, temp folder and cleanup

const tmp = mkdtempSync(join(tmpdir(), 'cbr-sdk-release-'));
let verdaccio;
let cleanedUp = false;
function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  if (verdaccio && verdaccio.exitCode === null) verdaccio.kill('SIGTERM');
  if (process.argv.includes('--keep')) console.log(`(kept ${tmp})`);
  else rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.log(`\n${signal}: stopping the registry and removing ${tmp}`);
    cleanup();
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------------------
// the working copy must come out untouched

// What a release step could write: versions, changelogs, changesets, the lockfile's workspace versions, tags.
// (Not HEAD or whole files: other people may commit to the working copy while this runs.)
function workingCopyFingerprint() {
  const hash = createHash('sha256');
  hash.update(run('git', ['tag', '-l'], { cwd: repoRoot }).stdout);
  for (const name of readdirSync(join(repoRoot, '.changeset')).sort()) {
    hash.update(`${name}\0${readFileSync(join(repoRoot, '.changeset', name))}\0`);
  }
  hash.update(JSON.stringify([versionsIn(repoRoot), lockVersions(repoRoot)]));
  for (const folder of Object.values(FOLDERS)) {
    const changelog = join(repoRoot, 'packages', folder, 'CHANGELOG.md');
    hash.update(`${folder}\0${existsSync(changelog) ? readFileSync(changelog) : '-'}\0`);
  }
  return hash.digest('hex');
}

// ---------------------------------------------------------------------------------------------------------
// the registry

function ensureVerdaccioInstalled() {
  const install = installToolFolder(verdaccioDir);
  const version = readJson(join(verdaccioDir, 'package.json')).dependencies.verdaccio;
  if (!install.installed) pass('verdaccio is installed', `scripts/release/verdaccio, ${version}`);
  else if (!check('install verdaccio (npm ci --prefix scripts/release/verdaccio)', install.ok, version, install.out)) {
    throw new Abort('verdaccio');
  }
}

async function startVerdaccio(upstream) {
  const dir = join(tmp, 'registry');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  // @cbr-sdk/* lives in this storage only (no proxy: a name not published here is a 404, never the real
  // registry's). Everything else is read through the registry npm uses on this machine; nothing is pushed.
  write(
    join(dir, 'config.yaml'),
    `storage: ./storage
auth:
  htpasswd:
    file: ./htpasswd
uplinks:
  upstream:
    url: ${upstream}
    timeout: 60s
    max_fails: 5
packages:
  '@cbr-sdk/*':
    access: $all
    publish: $authenticated
    unpublish: $authenticated
  '**':
    access: $all
    publish: nobody
    unpublish: nobody
    proxy: upstream
server:
  keepAliveTimeout: 60
web:
  enable: false
log: { type: file, path: ./verdaccio.log, level: warn }
`,
  );
  const logFd = openSync(join(dir, 'stdout.log'), 'a');
  verdaccio = spawn(
    process.execPath,
    [
      join(verdaccioDir, 'node_modules', 'verdaccio', 'bin', 'verdaccio'),
      '--config',
      join(dir, 'config.yaml'),
      '--listen',
      `127.0.0.1:${port}`,
    ],
    { cwd: dir, stdio: ['ignore', logFd, logFd] },
  );
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (verdaccio.exitCode !== null) break;
    try {
      const response = await fetch(`${url}-/ping`);
      if (response.ok) return { url, port, dir };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const log = existsSync(join(dir, 'stdout.log')) ? readFileSync(join(dir, 'stdout.log'), 'utf8') : '';
  fail('verdaccio starts', log);
  throw new Abort('verdaccio');
}

/** Creates a user (htpasswd) and writes an npm userconfig with its token; returns the env for npm. */
async function registryEnv({ url, port }) {
  const name = 'release-test';
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: `pw-${process.pid}-${Date.now()}`, type: 'user', roles: [] }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.token) {
    fail('a registry user for publishing', `${response.status} ${JSON.stringify(body)}`);
    throw new Abort('adduser');
  }
  const userconfig = join(tmp, 'npmrc');
  writeFileSync(userconfig, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${body.token}\n`);
  return {
    ...process.env,
    npm_config_registry: url,
    npm_config_userconfig: userconfig,
    npm_config_provenance: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
  };
}

/** `npm view` as JSON against the local registry. */
function npmView(env, spec, field) {
  const result = run('npm', ['view', spec, ...(field ? [field] : []), '--json'], { env, cwd: tmp });
  if (!result.ok) return { ok: false, out: result.out };
  try {
    return { ok: true, value: JSON.parse(result.stdout || 'null') };
  } catch {
    return { ok: false, out: result.out };
  }
}

// ---------------------------------------------------------------------------------------------------------
// the repository copy

const versionsIn = (repo) =>
  Object.fromEntries(
    PACKAGES.map((name) => [name, readJson(join(repo, 'packages', FOLDERS[name], 'package.json')).version]),
  );
const sameVersion = (versions) => new Set(Object.values(versions)).size === 1;
const show = (versions) =>
  Object.entries(versions)
    .map(([name, version]) => `${name}@${version}`)
    .join(', ');
function newer(a, b) {
  const parts = (v) => v.split(/[.-]/).slice(0, 3).map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i];
  return false;
}

function addChangeset(repo, file, bump, text) {
  const front = PACKAGES.map((name) => `"${name}": ${bump}`).join('\n');
  write(join(repo, '.changeset', file), `---\n${front}\n---\n\n${text}\n`);
}

/** The workspace versions recorded in the lockfile, to prove it followed `changeset version`. */
function lockVersions(repo) {
  const lock = readJson(join(repo, 'package-lock.json'));
  return Object.fromEntries(PACKAGES.map((name) => [name, lock.packages?.[`packages/${FOLDERS[name]}`]?.version]));
}

function checkVersionStep(repo, before, label, entryText) {
  const after = versionsIn(repo);
  check(
    `${label}: one version for the fixed group`,
    sameVersion(after) && Object.keys(after).every((name) => after[name] !== before[name]),
    show(after),
    `before ${show(before)}; after ${show(after)}`,
  );
  const lock = lockVersions(repo);
  check(
    `${label}: package-lock.json follows`,
    PACKAGES.every((name) => lock[name] === after[name]),
    '',
    `lockfile has ${show(lock)}`,
  );
  for (const [folder, dependency] of [
    ['checkpoint', '@cbr-sdk/checkpoint-api'],
    ['cli', '@cbr-sdk/checkpoint'],
  ]) {
    const internal = readJson(join(repo, 'packages', folder, 'package.json')).dependencies[dependency];
    check(
      `${label}: ${readJson(join(repo, 'packages', folder, 'package.json')).name} depends on the new ${dependency}`,
      internal.replace(/^[\^~]/, '') === after[dependency],
      internal,
    );
  }
  if (entryText) {
    const missing = PACKAGES.filter((name) => {
      const file = join(repo, 'packages', FOLDERS[name], 'CHANGELOG.md');
      if (!existsSync(file)) return true;
      const text = readFileSync(file, 'utf8');
      return !(text.includes(`## ${after[name]}`) && text.includes(entryText));
    });
    check(
      `${label}: every CHANGELOG.md has the version and the changeset's text`,
      missing.length === 0,
      '',
      `missing in ${missing.join(', ')}`,
    );
  }
  const leftover = readdirSync(join(repo, '.changeset')).filter((name) => name.endsWith('.md') && name !== 'README.md');
  check(`${label}: the changesets were consumed`, leftover.length === 0, '', leftover.join(', '));
  return after;
}

function checkPublished(env, label, versions, distTag) {
  const missing = [];
  for (const name of PACKAGES) {
    const view = npmView(env, `${name}@${versions[name]}`, 'version');
    if (!view.ok || view.value !== versions[name])
      missing.push(
        `${name}@${versions[name]}: ${view.ok ? JSON.stringify(view.value) : view.out.trim().split('\n').slice(-3).join(' ')}`,
      );
  }
  check(
    `${label}: every package is in the registry at its new version`,
    missing.length === 0,
    show(versions),
    missing.join('\n'),
  );
  const tags = npmView(env, '@cbr-sdk/checkpoint', 'dist-tags');
  check(
    `${label}: npm view @cbr-sdk/checkpoint dist-tags has ${distTag} = ${versions['@cbr-sdk/checkpoint']}`,
    tags.ok && tags.value?.[distTag] === versions['@cbr-sdk/checkpoint'],
    JSON.stringify(tags.value),
    tags.ok ? JSON.stringify(tags.value) : tags.out,
  );
  return tags.value;
}

// ---------------------------------------------------------------------------------------------------------
// the consumer's side

const ALLOWED_IN_TARBALL = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^CHANGELOG\.md$/,
  // dist/ and its subpath entries (dist/iam/ of @cbr-sdk/checkpoint-api)
  /^dist\/(?:[\w-]+\/)?[\w.-]+\.(js|cjs|d\.ts|d\.cts)$/,
  // a command's committed entry (it runs what is built in dist/), linked by npm even before a build
  /^bin\/[\w.-]+\.(mjs|cjs)$/,
];
const REQUIRED_IN_TARBALL = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];
// A library has its ESM and CJS builds with their types; the command has its bin (committed, it loads dist/)
// and the CommonJS build it loads.
const ENTRY_FILES = (name) =>
  name === '@cbr-sdk/cli'
    ? ['bin/cbr.cjs', 'dist/main.cjs']
    : ['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts'];

function checkTarballs(env, versions) {
  const dir = join(tmp, 'tarballs');
  mkdirSync(dir, { recursive: true });
  for (const name of PACKAGES) {
    const packed = run('npm', ['pack', `${name}@${versions[name]}`, '--pack-destination', dir, '--json'], {
      env,
      cwd: dir,
    });
    if (!packed.ok) {
      fail(`tarball ${name}: download`, packed.out);
      continue;
    }
    const [{ filename, size, unpackedSize }] = JSON.parse(packed.stdout);
    const listing = run('tar', ['-tzf', join(dir, filename)]);
    const files = listing.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => line.replace(/^package\//, ''))
      .filter((line) => !line.endsWith('/'));
    const unexpected = files.filter((file) => !ALLOWED_IN_TARBALL.some((pattern) => pattern.test(file)));
    const absent = [...REQUIRED_IN_TARBALL, ...ENTRY_FILES(name)].filter((file) => !files.includes(file));
    check(
      `tarball ${name}: dist, README.md, LICENSE, CHANGELOG.md, package.json (and bin/ for a command) only`,
      listing.ok && unexpected.length === 0 && absent.length === 0,
      `${files.length} files, ${(size / 1024).toFixed(1)} KiB packed, ${(unpackedSize / 1024).toFixed(1)} KiB unpacked`,
      `${unexpected.length ? `unexpected: ${unexpected.join(', ')}\n` : ''}${absent.length ? `missing: ${absent.join(', ')}` : ''}${listing.ok ? '' : listing.out}`,
    );
  }
}

const SEED = {
  projectId: 'f841e01fd2b14e7fa41b6ae7aa6b0594',
  body: {
    vault_id: '3b5816b5-f29c-4172-9d9a-76c719a659ce',
    parameters: { name: 'backup_name', resources: ['94eba8b2-acc9-4d82-badc-127144cc5526'] },
  },
};

const SMOKE = (load) => `const api = ${load('@cbr-sdk/checkpoint-api')};
const iam = ${load('@cbr-sdk/checkpoint-api/iam')};
const credentialSources = ${load('@cbr-sdk/checkpoint-api/credential-sources')};
const sdk = ${load('@cbr-sdk/checkpoint')};
const mock = ${load('@cbr-sdk/mock-server')};
const found = {
  CbrClient: typeof sdk.CbrClient,
  CbrError: typeof sdk.CbrError,
  SDK_VERSION: sdk.SDK_VERSION,
  CheckpointsApi: typeof api.CheckpointsApi,
  checkSchema: typeof api.checkSchema,
  TokensApi: typeof iam.TokensApi,
  MetadataApi: typeof credentialSources.MetadataApi,
  startMockServer: typeof mock.startMockServer,
};
console.log(JSON.stringify(found));
`;

const TYPES = `import { CbrClient, CbrError, type CheckpointCreate } from '@cbr-sdk/checkpoint';
import { CheckpointsApi, ResourceType, checkSchema } from '@cbr-sdk/checkpoint-api';
import { type TokenResult, TokensApi } from '@cbr-sdk/checkpoint-api/iam';
import { MetadataApi } from '@cbr-sdk/checkpoint-api/credential-sources';

const cbr = new CbrClient({ endpoint: 'http://127.0.0.1:8080', projectId: 'p', credentials: { token: 't' } });

export async function createOne(): Promise<CheckpointCreate> {
  return cbr.checkpoints.create({ vault_id: 'v', parameters: { name: 'n', resources: ['r'] } });
}

export async function createWithDetails(): Promise<string> {
  const type: ResourceType = 'OS::Nova::Server';
  const created = await cbr.checkpoints.create({ vault_id: 'v', parameters: { resource_details: [{ id: 'x', type }] } });
  const done = await cbr.checkpoints.waitUntilAvailable(created.id);
  return done.status;
}

export async function missingVaultId(): Promise<void> {
  // @ts-expect-error vault_id is required
  await cbr.checkpoints.create({ parameters: { resources: ['r'] } });
}

export async function unknownResourceType(): Promise<void> {
  // @ts-expect-error 'OS::Nope' is not a resource type
  await cbr.checkpoints.create({ vault_id: 'v', parameters: { resource_details: [{ id: 'x', type: 'OS::Nope' }] } });
}

export const isSdkError = (error: unknown): boolean => error instanceof CbrError;
export const apiClass: typeof CheckpointsApi = CheckpointsApi;
export const validate: typeof checkSchema = checkSchema;
export const tokensApi: typeof TokensApi = TokensApi;
export const metadataApi: typeof MetadataApi = MetadataApi;
export const expiresAt = (token: TokenResult): string => token.expires_at;

// An IAM user: no projectId needed with a region.
const withPassword = new CbrClient({ region: 'cn-north-4', credentials: { domainName: 'd', userName: 'u', password: 'p' } });
export const projectOf = (): Promise<string> => withPassword.resolveProjectId();
export const authentication: 'token' | 'password' | 'access-key' | 'access-key-provider' = withPassword.authentication;
`;

const TS_CONFIGS = {
  'node16 ESM (type: module)': {
    dir: 'ts-node16-esm',
    type: 'module',
    compilerOptions: { module: 'node16', moduleResolution: 'node16', lib: ['ES2022'], types: ['node'] },
  },
  'node16 CJS (type: commonjs)': {
    dir: 'ts-node16-cjs',
    type: 'commonjs',
    compilerOptions: { module: 'node16', moduleResolution: 'node16', lib: ['ES2022'], types: ['node'] },
  },
  'bundler resolution, browser libs (no @types/node)': {
    dir: 'ts-bundler',
    type: 'module',
    compilerOptions: { module: 'esnext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'], types: [] },
  },
};

const BROWSER_ENTRY = `import { CbrClient } from '@cbr-sdk/checkpoint';

// A browser app: token auth only (no secret key in a page), the token fetched from the app's own backend.
const cbr = new CbrClient({
  region: 'cn-north-4',
  projectId: '${SEED.projectId}',
  credentials: { token: () => fetch('/api/cbr-token').then((r) => r.text()) },
});

export async function backUp(vaultId, resourceId) {
  const created = await cbr.checkpoints.create({ vault_id: vaultId, parameters: { resources: [resourceId] } });
  return cbr.checkpoints.waitUntilAvailable(created.id);
}
`;

const END_TO_END = `import { CbrClient } from '@cbr-sdk/checkpoint';
import { startMockServer } from '@cbr-sdk/mock-server';

const timer = setTimeout(() => {
  console.error('end-to-end: no answer in 30 s');
  process.exit(1);
}, 30_000);
const user = { domainName: 'acme', userName: 'bot', password: 'release-test-only' };
const mock = await startMockServer({ port: 0, availableAfterMs: 100, iamUsers: [user] });
try {
  // An IAM user's password: the token and the project come from the mock's IAM, on the same port.
  const cbr = new CbrClient({ region: 'cn-north-4', endpoint: mock.url, iamEndpoint: mock.url, credentials: user });
  const created = await cbr.checkpoints.create(${JSON.stringify(SEED.body)});
  const statuses = [created.status];
  const done = await cbr.checkpoints.waitUntilAvailable(created.id, {
    onStatus: (checkpoint) => statuses.push(checkpoint.status),
  });
  const tokens = mock.requests.filter((r) => r.operation === 'keystoneCreateUserTokenByPassword').length;
  console.log(JSON.stringify({ id: created.id, vault: done.vault?.id, statuses, status: done.status, project: created.project_id, tokens }));
} finally {
  await mock.close();
  clearTimeout(timer);
}
`;

function checkConsumers(env, versions, repo) {
  const consumer = join(tmp, 'consumer');
  writeJson(join(consumer, 'package.json'), {
    name: 'cbr-sdk-consumer',
    private: true,
    type: 'module',
    dependencies: Object.fromEntries(LIBRARIES.map((name) => [name, versions[name]])),
    devDependencies: { '@types/node': readJson(join(repo, 'package.json')).devDependencies['@types/node'] },
  });
  must(
    'consumer: npm install of the published packages (outside the repository)',
    'npm',
    ['install', '--prefer-offline'],
    {
      cwd: consumer,
      env,
    },
  );
  const installed = Object.fromEntries(
    LIBRARIES.map((name) => [name, readJson(join(consumer, 'node_modules', name, 'package.json')).version]),
  );
  check(
    'consumer: installed versions are the published ones',
    LIBRARIES.every((name) => installed[name] === versions[name]),
    show(installed),
  );

  // require and import
  const expected = (found) =>
    found.CbrClient === 'function' &&
    found.CbrError === 'function' &&
    found.CheckpointsApi === 'function' &&
    found.checkSchema === 'function' &&
    found.TokensApi === 'function' &&
    found.MetadataApi === 'function' &&
    found.startMockServer === 'function' &&
    found.SDK_VERSION === versions['@cbr-sdk/checkpoint'];
  for (const [label, file, load] of [
    ['ESM import', 'smoke.mjs', (name) => `await import('${name}')`],
    ['CJS require', 'smoke.cjs', (name) => `require('${name}')`],
  ]) {
    write(join(consumer, file), SMOKE(load));
    const result = run(process.execPath, [file], { cwd: consumer });
    let found = {};
    try {
      found = JSON.parse(result.stdout);
    } catch {
      // reported below
    }
    check(
      `consumer: ${label} of every package in Node ${process.versions.node}`,
      result.ok && expected(found),
      result.stdout.trim(),
      result.out,
    );
  }
  const bin = join(consumer, 'node_modules', '.bin', 'cbr-mock-server');
  const help = run(bin, ['--help'], { cwd: consumer });
  check(
    'consumer: the cbr-mock-server bin is installed and `cbr-mock-server --help` prints its usage',
    existsSync(bin) && help.ok && help.stdout.startsWith('Usage: cbr-mock-server'),
    help.stdout.split('\n')[0],
    help.out,
  );

  // TypeScript
  const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  const tsVersion = readJson(join(repo, 'node_modules', 'typescript', 'package.json')).version;
  for (const [label, { dir, type, compilerOptions }] of Object.entries(TS_CONFIGS)) {
    write(join(consumer, dir, 'package.json'), `${JSON.stringify({ type })}\n`);
    write(join(consumer, dir, 'index.ts'), TYPES);
    writeJson(join(consumer, dir, 'tsconfig.json'), {
      compilerOptions: { target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, ...compilerOptions },
      files: ['index.ts'],
    });
    const result = run(process.execPath, [tsc, '-p', join(consumer, dir, 'tsconfig.json')], {
      cwd: join(consumer, dir),
    });
    check(
      `consumer: TypeScript ${tsVersion}, strict, ${label}, with 2 @ts-expect-error that must be errors`,
      result.ok,
      '',
      result.out,
    );
  }
  // The two expected errors must be the ones meant: without the directives, exactly those two lines fail.
  {
    const dir = join(consumer, 'ts-control');
    write(join(dir, 'package.json'), '{ "type": "module" }\n');
    write(join(dir, 'index.ts'), TYPES.replace(/^\s*\/\/ @ts-expect-error.*\n/gm, ''));
    writeJson(join(dir, 'tsconfig.json'), {
      compilerOptions: {
        target: 'ES2022',
        strict: true,
        noEmit: true,
        ...TS_CONFIGS['node16 ESM (type: module)'].compilerOptions,
      },
      files: ['index.ts'],
    });
    const result = run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], { cwd: dir });
    const errors = result.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
    const ok =
      !result.ok &&
      errors.length === 2 &&
      /Property 'vault_id' is missing/.test(result.stdout) &&
      /Type '"OS::Nope"' is not assignable to type 'ResourceType'/.test(result.stdout);
    check(
      'consumer: without the directives, tsc reports exactly the missing vault_id and OS::Nope',
      ok,
      '',
      result.out,
    );
  }

  // a browser bundle
  {
    const esbuild = createRequire(join(repo, 'package.json'))('esbuild');
    write(join(consumer, 'browser.mjs'), BROWSER_ENTRY);
    try {
      const built = esbuild.buildSync({
        absWorkingDir: consumer,
        entryPoints: ['browser.mjs'],
        bundle: true,
        platform: 'browser',
        format: 'esm',
        target: 'es2022',
        minify: true,
        write: false,
        logLevel: 'silent',
      });
      const code = built.outputFiles[0].contents;
      const raw = code.length;
      const gzipped = gzipSync(code, { level: 9 }).length;
      const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
      console.log(
        `browser bundle (esbuild ${esbuild.version}, platform browser, minified): ${raw} bytes raw (${kb(raw)}), ${gzipped} bytes gzipped (${kb(gzipped)})`,
      );
      check(
        'consumer: a minified browser bundle of a token-auth app builds',
        raw > 0,
        `${kb(raw)} raw, ${kb(gzipped)} gzipped`,
      );
    } catch (error) {
      fail('consumer: a minified browser bundle of a token-auth app builds', error.message);
    }
  }

  // one call, end to end, through the installed packages
  {
    write(join(consumer, 'e2e.mjs'), END_TO_END);
    const result = run(process.execPath, ['e2e.mjs'], { cwd: consumer, timeoutMs: 60_000 });
    let answer = {};
    try {
      answer = JSON.parse(result.stdout.trim().split('\n').pop());
    } catch {
      // reported below
    }
    check(
      'consumer: create + waitUntilAvailable through @cbr-sdk/checkpoint against @cbr-sdk/mock-server (IAM password, one token)',
      result.ok &&
        answer.status === 'available' &&
        typeof answer.id === 'string' &&
        answer.project === SEED.projectId &&
        answer.tokens === 1,
      result.stdout.trim(),
      result.out,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// the command

/** Starts the installed `cbr-mock-server` (one process: the bin itself) and resolves its URL. */
function startInstalledMock(dir, env) {
  const mock = spawn(
    join(dir, 'node_modules', '.bin', 'cbr-mock-server'),
    ['--port', '0', '--available-after', '300', '--quiet'],
    { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no "listening" line within 30 s: ${out}`)), 30_000);
    const read = (chunk) => {
      out += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolveUrl({ mock, url });
      }
    };
    mock.stdout.setEncoding('utf8').on('data', read);
    mock.stderr.setEncoding('utf8').on('data', read);
    mock.once('error', reject);
    mock.once('exit', (code) => reject(new Error(`exited (${code}): ${out}`)));
  });
}

async function checkCli(env, versions) {
  const dir = join(tmp, 'cli-consumer');
  writeJson(join(dir, 'package.json'), {
    name: 'cbr-cli-consumer',
    private: true,
    dependencies: {
      '@cbr-sdk/cli': versions['@cbr-sdk/cli'],
      '@cbr-sdk/mock-server': versions['@cbr-sdk/mock-server'],
    },
  });
  must(
    'cli: npm install @cbr-sdk/cli (and the mock server) into a fresh folder',
    'npm',
    ['install', '--prefer-offline'],
    {
      cwd: dir,
      env,
    },
  );
  const version = run('npx', ['cbr', '--version'], { cwd: dir, env });
  check(
    'cli: npx cbr --version prints the published version',
    version.ok && version.stdout.trim() === versions['@cbr-sdk/cli'],
    version.stdout.trim(),
    version.out,
  );

  // Only what is set here configures cbr: no credential or proxy of the machine running the rehearsal.
  const cliEnv = { ...env, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' };
  for (const name of Object.keys(cliEnv)) if (/^(HUAWEICLOUD_SDK_|CBR_|HTTPS?_PROXY$)/i.test(name)) delete cliEnv[name];
  let started;
  try {
    started = await startInstalledMock(dir, cliEnv);
  } catch (error) {
    fail('cli: npx cbr-mock-server starts', error.message);
    return;
  }
  try {
    const created = run(
      'npx',
      ['cbr', 'checkpoint', 'create', '--vault', SEED.body.vault_id, '--name', 'release-test', '--wait', '--json'],
      {
        cwd: dir,
        env: {
          ...cliEnv,
          CBR_ENDPOINT: started.url,
          HUAWEICLOUD_SDK_PROJECT_ID: SEED.projectId,
          HUAWEICLOUD_SDK_TOKEN: 'release-test-token',
        },
        timeoutMs: 60_000,
      },
    );
    let checkpoint = {};
    try {
      checkpoint = JSON.parse(created.stdout);
    } catch {
      // reported below
    }
    check(
      'cli: npx cbr checkpoint create --wait --json against the mock: one JSON document, available',
      created.ok && checkpoint.status === 'available' && typeof checkpoint.id === 'string',
      `${checkpoint.id} ${checkpoint.status}`,
      created.out,
    );
  } finally {
    started.mock.kill('SIGTERM');
  }
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  console.log(`release test in ${tmp}`);
  const fingerprint = workingCopyFingerprint();
  const upstream =
    run('npm', ['config', 'get', 'registry'], { cwd: tmp }).stdout.trim() || 'https://registry.npmjs.org/';

  section('registry');
  ensureVerdaccioInstalled();
  const registry = await startVerdaccio(upstream);
  pass('verdaccio starts on 127.0.0.1 with an ephemeral port', registry.url);
  const env = await registryEnv(registry);
  const configured = run('npm', ['config', 'get', 'registry'], { env, cwd: tmp }).stdout.trim();
  if (!check('npm points at the local registry', configured === registry.url, configured)) throw new Abort('registry');

  section('a copy of the repository');
  const repo = join(tmp, 'repo');
  must('git clone of the working copy (HEAD)', 'git', ['clone', '--quiet', repoRoot, repo]);
  // The generator jar (git-ignored, fetched by scripts/bootstrap-generator.mjs) is shared, not fetched again.
  const jarDir = join(repoRoot, '.openapi-generator-jar');
  if (existsSync(jarDir)) symlinkSync(jarDir, join(repo, '.openapi-generator-jar'));
  must('npm ci --prefer-offline in the copy', 'npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: repo,
  });
  for (const [key, value] of [
    ['user.name', 'Release Test'],
    ['user.email', 'release-test@example.invalid'],
  ])
    run('git', ['config', key, value], { cwd: repo });

  // changeset publish runs npm publish in each package folder: that must resolve to the local registry too.
  for (const folder of Object.values(FOLDERS)) {
    const there = run('npm', ['config', 'get', 'registry', '--workspaces=false'], {
      env,
      cwd: join(repo, 'packages', folder),
    }).stdout.trim();
    if (!check(`npm in packages/${folder} points at the local registry`, there === registry.url, there)) {
      throw new Abort('registry');
    }
  }

  section('changeset -> version -> changelog');
  const before = versionsIn(repo);
  const entry = `Release smoke test ${process.pid}-${Date.now()}: this text must reach every CHANGELOG.md.`;
  addChangeset(repo, 'release-smoke-test.md', 'patch', entry);
  must('npm run version-packages', 'npm', ['run', 'version-packages'], { cwd: repo, env });
  const stable = checkVersionStep(repo, before, 'version', entry);
  check(
    'version: the new version is higher',
    newer(stable['@cbr-sdk/checkpoint'], before['@cbr-sdk/checkpoint']),
    `${before['@cbr-sdk/checkpoint']} -> ${stable['@cbr-sdk/checkpoint']}`,
  );
  run('git', ['commit', '--quiet', '-am', 'Version packages'], { cwd: repo });

  section('publish to the local registry');
  must('npm run release (build + changeset publish)', 'npm', ['run', 'release'], { cwd: repo, env });
  checkPublished(env, 'release', stable, 'latest');

  section('snapshot');
  addChangeset(repo, 'snapshot-smoke-test.md', 'patch', 'Snapshot smoke test.');
  must('npm run version-packages:snapshot', 'npm', ['run', 'version-packages:snapshot'], { cwd: repo, env });
  const snapshot = checkVersionStep(repo, stable, 'snapshot', undefined);
  check(
    'snapshot: a prerelease version',
    /-next-/.test(snapshot['@cbr-sdk/checkpoint']),
    snapshot['@cbr-sdk/checkpoint'],
  );
  must('npm run release:snapshot (build + changeset publish --tag next)', 'npm', ['run', 'release:snapshot'], {
    cwd: repo,
    env,
  });
  const tags = checkPublished(env, 'snapshot', snapshot, 'next');
  check(
    'snapshot: latest still points at the stable release',
    tags?.latest === stable['@cbr-sdk/checkpoint'],
    JSON.stringify(tags),
  );

  section('the consumer side');
  checkTarballs(env, stable);
  checkConsumers(env, stable, repo);
  await checkCli(env, stable);

  section('the working copy');
  check(
    'the working copy is untouched (versions, changesets, changelogs, lockfile, HEAD, tags)',
    workingCopyFingerprint() === fingerprint,
    repoRoot,
  );
}

try {
  await main();
} catch (error) {
  if (!(error instanceof Abort)) fail('unexpected error', error?.stack ?? String(error));
  else console.log(`(stopped after "${error.message}")`);
}
if (verdaccio && verdaccio.exitCode === null) verdaccio.kill('SIGTERM');
const seconds = ((Date.now() - STARTED) / 1000).toFixed(0);
console.log(`\ntest:release took ${seconds}s`);
const exitCode = summary('release');
cleanup();
process.exit(exitCode);
