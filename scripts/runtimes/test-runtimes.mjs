#!/usr/bin/env node
// `npm run test:runtimes`: the packages as users install them (`npm pack` tarballs in a throwaway consumer
// folder), run for real outside Node: Bun and Deno (from the npm registry, pinned in scripts/runtimes/tools)
// and headless Chromium (Debian's `chromium`, driven by playwright-core). Real processes, real HTTP on
// 127.0.0.1, ephemeral ports:
//   - under Node (the baseline), Bun and Deno: consumer/create-and-wait.{mjs,cjs} creates a restore point with
//     a token, with AK/SK and as an IAM user (password) against the mock server (run by Node) and waits until
//     it is available;
//   - under Bun and Deno: the cbr-mock-server bin serves creates (from the same script under Node), refuses a
//     bad one naming the field, and stops on SIGTERM;
//   - in Chromium: a page bundled by esbuild (browser/page.mjs) does the same with a token from its own origin
//     and with AK/SK against the mock server started with --cors, and shows the result; the test reads it back.
//     A mock that does not allow the page's origin must make the page fail.
// Each result is checked for the restore point's id and final status, and the id is looked up on the mock.
// A runtime that cannot be had skips its checks locally, and fails them in CI (CI=true).
// Ends with "runtimes: N passed, N failed[, N skipped]". `--keep` keeps the temp folder.
import { spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readJson, writeJson } from '../lib/files.mjs';
import { run, runAsync } from '../lib/process.mjs';
import { PACKAGE_FOLDERS } from '../lib/published-packages.mjs';
import { Abort, createReport } from '../lib/report.mjs';
import { installToolFolder } from '../lib/tool-folder.mjs';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const toolsDir = join(import.meta.dirname, 'tools');
const PROJECT_ID = 'f841e01fd2b14e7fa41b6ae7aa6b0594';
const TOKEN = `runtimes-token-${process.pid}`;
const ACCESS_KEY = 'RUNTIMESTESTAK';
const SECRET_KEY = `runtimes-secret-${process.pid}`;
const IAM_USER = { domainName: 'runtimes', userName: 'backup-bot', password: `runtimes-password-${process.pid}` };
// The mock's credentials, as CLI options and as the scenario's environment.
const MOCK_AUTH_ARGS = [
  '--token',
  TOKEN,
  '--access-key',
  `${ACCESS_KEY}:${SECRET_KEY}`,
  '--iam-user',
  `${IAM_USER.domainName}/${IAM_USER.userName}:${IAM_USER.password}`,
];
const SCENARIO_ENV = {
  CBR_TEST_TOKEN: TOKEN,
  CBR_TEST_AK: ACCESS_KEY,
  CBR_TEST_SK: SECRET_KEY,
  CBR_TEST_DOMAIN: IAM_USER.domainName,
  CBR_TEST_USER: IAM_USER.userName,
  CBR_TEST_PASSWORD: IAM_USER.password,
};
const IN_CI = Boolean(process.env.CI) && !['false', '0'].includes(process.env.CI);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Chromium flags that work on these machines (no GPU, no sandbox as root, nothing fetched in the background).
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const report = createReport();
const { pass, fail, skip, check, must, section } = report;

// ---------------------------------------------------------------------------------------------------------
// temp folder, child processes, cleanup

const tmp = mkdtempSync(join(tmpdir(), 'cbr-sdk-runtimes-'));
const children = new Set();
const closers = new Set();
let cleanedUp = false;
function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (process.argv.includes('--keep')) console.log(`(kept ${tmp})`);
  else rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
}
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.log(`\n${signal}: stopping and removing ${tmp}`);
    cleanup();
    process.exit(130);
  });
}

/** Quiet, colourless runtimes: their output goes into PASS/FAIL details. */
const childEnv = (extra = {}) => ({
  ...process.env,
  NO_COLOR: '1',
  FORCE_COLOR: '0',
  DENO_NO_UPDATE_CHECK: '1',
  ...extra,
});

/**
 * Starts the cbr-mock-server bin of the consumer folder with `command` (node, bun, deno run …) and waits for
 * its "listening on <url>" line. Returns { url, output(), stop() }; stop() sends SIGTERM and resolves the exit code.
 */
function startMock(label, command, args, cwd) {
  const child = spawn(command, args, { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  const exited = new Promise((resolveExit) => child.on('exit', (code, signal) => resolveExit(code ?? signal)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const code = await exited;
    clearTimeout(timer);
    children.delete(child);
    return code;
  };
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label}: no "listening on" line in 30 s:\n${output}`)), 30_000);
    const onData = (chunk) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveStart({ url: match[1], output: () => output, stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${code}) before listening:\n${output}`));
    });
  });
}

const LOOKUP_AGENT = 'test-runtimes-lookup';

/** GETs restore points from the mock as a plain HTTP client: each id must be known there, and available. */
async function statusesOnMock(mockUrl, ids) {
  const found = {};
  for (const id of ids) {
    const response = await fetch(`${mockUrl}/v3/${PROJECT_ID}/checkpoints/${encodeURIComponent(id)}`, {
      headers: { 'X-Auth-Token': TOKEN, 'User-Agent': LOOKUP_AGENT },
    });
    found[id] = response.ok ? (await response.json()).checkpoint?.status : `HTTP ${response.status}`;
  }
  return found;
}

/** The last JSON line a scenario printed, or undefined. */
function lastJsonLine(text) {
  const line = text.trim().split('\n').filter(Boolean).pop();
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** What a scenario must have got back: for each credential, one id, protecting then available. */
function scenarioProblems(result, expectedAuths) {
  if (!result || !Array.isArray(result.results)) return ['no JSON result'];
  const problems = [];
  const auths = result.results.map((entry) => entry.auth);
  if (auths.join() !== expectedAuths.join()) problems.push(`credentials tried: ${auths.join(', ')}`);
  for (const entry of result.results) {
    if (!UUID.test(entry.id ?? '')) problems.push(`${entry.auth}: id ${JSON.stringify(entry.id)} is not a UUID`);
    if (entry.doneId !== entry.id) problems.push(`${entry.auth}: waited for ${entry.doneId}, created ${entry.id}`);
    if (entry.statuses?.[0] !== 'protecting' || entry.statuses?.at(-1) !== 'available')
      problems.push(`${entry.auth}: statuses ${JSON.stringify(entry.statuses)}`);
    if (entry.status !== 'available') problems.push(`${entry.auth}: final status ${entry.status}`);
  }
  return problems;
}

/** Runs a consumer scenario script and checks its result, and that the mock knows every id it reports. */
async function checkScenario(name, command, args, { cwd, mockUrl, runtime }) {
  const result = await runAsync(command, args, {
    cwd,
    env: childEnv({ CBR_MOCK_URL: mockUrl, ...SCENARIO_ENV }),
    timeoutMs: 60_000,
  });
  const answer = lastJsonLine(result.stdout);
  const problems = result.ok ? scenarioProblems(answer, ['token', 'AK/SK', 'IAM user']) : [`exit ${result.status}`];
  if (result.ok && !answer.runtime?.startsWith(runtime)) problems.push(`ran under ${answer.runtime}, not ${runtime}`);
  if (problems.length === 0) {
    const onMock = await statusesOnMock(
      mockUrl,
      answer.results.map((entry) => entry.id),
    );
    for (const [id, status] of Object.entries(onMock))
      if (status !== 'available') problems.push(`the mock has ${id} as ${status}`);
  }
  const summary = answer?.results?.map((entry) => `${entry.auth} ${entry.id} ${entry.statuses?.join('→')}`).join('; ');
  return check(name, problems.length === 0, summary, `${problems.join('\n')}\n${result.out}`);
}

/** A runtime that cannot be had: a skip with the reason locally, a failure in CI. */
function unavailable(name, reason) {
  if (IN_CI) fail(`${name} is available (CI=true: every runtime is required)`, reason);
  else skip(`${name}: not available here, its checks are skipped (with CI=true this is a failure)`, reason);
}

// ---------------------------------------------------------------------------------------------------------
// the packages, as a user installs them

function installConsumer() {
  must(
    'build (turbo run build)',
    join(repoRoot, 'node_modules', '.bin', 'turbo'),
    ['run', 'build', '--output-logs=errors-only'],
    {
      cwd: repoRoot,
    },
  );
  const tarballs = join(tmp, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  const files = [];
  for (const [name, folder] of Object.entries(PACKAGE_FOLDERS)) {
    const packed = must(`npm pack ${name}`, 'npm', ['pack', '--json', '--pack-destination', tarballs], {
      cwd: join(repoRoot, 'packages', folder),
    });
    files.push(join(tarballs, JSON.parse(packed.stdout)[0].filename));
  }
  const consumer = join(tmp, 'consumer');
  writeJson(join(consumer, 'package.json'), { name: 'cbr-sdk-runtimes-consumer', private: true, type: 'module' });
  must(
    'consumer: npm install of the packed tarballs (outside the repository)',
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', ...files],
    { cwd: consumer },
  );
  for (const file of readdirSync(join(import.meta.dirname, 'consumer')))
    copyFileSync(join(import.meta.dirname, 'consumer', file), join(consumer, file));
  return consumer;
}

/** The pinned runtimes of scripts/runtimes/tools, installed on first use; a reason for each one that is not there. */
function installTools() {
  const pinned = readJson(join(toolsDir, 'package.json')).dependencies;
  const install = installToolFolder(toolsDir);
  const label = 'scripts/runtimes/tools (npm ci --prefix scripts/runtimes/tools)';
  if (!install.ok) {
    const reason = `npm ci of ${label} failed:\n${install.out}`;
    return { pinned, missing: { bun: reason, deno: reason, 'playwright-core': reason } };
  }
  pass(
    install.installed ? `installed ${label}` : `${label} is installed`,
    Object.entries(pinned)
      .map(([n, v]) => `${n} ${v}`)
      .join(', '),
  );
  const missing = {};
  for (const name of ['bun', 'deno']) {
    const version = run(join(toolsDir, 'node_modules', '.bin', name), ['--version']);
    if (!version.ok || !version.stdout.includes(pinned[name]))
      missing[name] =
        `\`${name} --version\` from its npm package did not run or is not ${pinned[name]} (is there a binary for ${process.platform}-${process.arch}?):\n${version.out}`;
  }
  return { pinned, missing };
}

// ---------------------------------------------------------------------------------------------------------
// Node, Bun and Deno

const RUNTIMES = {
  node: { command: process.execPath, esm: [], cjs: [], bin: [] },
  bun: { command: join(toolsDir, 'node_modules', '.bin', 'bun'), esm: [], cjs: [], bin: [] },
  // Deno needs network and environment access (the SDK reads proxy variables); CommonJS `require` reads files.
  deno: {
    command: join(toolsDir, 'node_modules', '.bin', 'deno'),
    esm: ['run', '--allow-net', '--allow-env'],
    cjs: ['run', '--allow-net', '--allow-env', '--allow-read'],
    bin: ['run', '--allow-net', '--allow-env', '--allow-read'],
  },
};

/** The scenario under `runtime`, as ESM and as CJS, against the mock running in this Node process. */
async function checkClients(runtime, version, consumer, nodeMock) {
  const { command, esm, cjs } = RUNTIMES[runtime];
  const firstRequest = nodeMock.requests.length;
  for (const [kind, flags, file] of [
    ['ESM import', esm, 'create-and-wait.mjs'],
    ['CJS require', cjs, 'create-and-wait.cjs'],
  ]) {
    await checkScenario(
      `${runtime}: ${kind} of the tarballs, create + waitUntilAvailable with a token, AK/SK and an IAM user (mock under Node)`,
      command,
      [...flags, file],
      { cwd: consumer, mockUrl: nodeMock.url, runtime },
    );
  }
  const agents = [
    ...new Set(
      nodeMock.requests
        .slice(firstRequest)
        .map((request) => request.headers['user-agent'])
        .filter((agent) => agent !== LOOKUP_AGENT),
    ),
  ];
  const expected = new RegExp(`^cbr-sdk-typescript/\\S+ ${runtime}/${version.replaceAll('.', '\\.')}$`);
  check(
    `${runtime}: the SDK's User-Agent names ${runtime} ${version}`,
    agents.length === 1 && expected.test(agents[0] ?? ''),
    agents[0],
    JSON.stringify(agents),
  );
}

async function checkMockUnder(runtime, consumer) {
  const { command, bin } = RUNTIMES[runtime];
  const args = [...bin, join('node_modules', '.bin', 'cbr-mock-server'), '--port', '0', '--available-after', '300'];
  let mock;
  try {
    mock = await startMock(`cbr-mock-server under ${runtime}`, command, [...args, ...MOCK_AUTH_ARGS], consumer);
  } catch (error) {
    fail(`${runtime}: the cbr-mock-server bin starts`, error.message);
    return;
  }
  pass(`${runtime}: the cbr-mock-server bin starts`, mock.url);
  await checkScenario(
    `${runtime}: cbr-mock-server serves IAM tokens and creates with a token, AK/SK and an IAM user (client: the tarballs under Node)`,
    RUNTIMES.node.command,
    ['create-and-wait.mjs'],
    { cwd: consumer, mockUrl: mock.url, runtime: 'node' },
  );
  const example = createRequire(join(consumer, 'package.json'))('@cbr-sdk/checkpoint-api')
    .CREATE_CHECKPOINT_REQUEST_EXAMPLE.checkpoint;
  const bad = await fetch(`${mock.url}/v3/${PROJECT_ID}/checkpoints`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Auth-Token': TOKEN },
    body: JSON.stringify({ checkpoint: { ...example, parameters: { name: 'x'.repeat(65) } } }),
  }).then(async (response) => ({ status: response.status, body: await response.json().catch(() => ({})) }));
  check(
    `${runtime}: cbr-mock-server refuses an invalid create with 400 naming the field`,
    bad.status === 400 && /checkpoint\.parameters\.name must be at most 64/.test(bad.body.error_msg ?? ''),
    bad.body.error_msg,
    JSON.stringify(bad),
  );
  const code = await mock.stop();
  const logged = mock.output();
  check(
    `${runtime}: cbr-mock-server logs each request without secrets and exits 0 on SIGTERM`,
    code === 0 &&
      /POST \/v3\/\S+\/checkpoints 200/.test(logged) &&
      /SIGTERM, stopping/.test(logged) &&
      !logged.includes(TOKEN) &&
      !logged.includes(SECRET_KEY) &&
      !logged.includes(IAM_USER.password),
    `exit ${code}`,
    `exit ${code}\n${logged}`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// a real browser

/** Where Chromium is: `chromium` on PATH, or Debian's /usr/bin/chromium. */
function findChromium() {
  const candidates = [
    ...(process.env.PATH ?? '').split(delimiter).map((dir) => dir && join(dir, 'chromium')),
    '/usr/bin/chromium',
  ].filter(Boolean);
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // next
    }
  }
  return undefined;
}

/** Bundles browser/page.mjs from the consumer folder (so it imports the installed tarballs), as an app would. */
function bundlePage(consumer) {
  const pageDir = join(consumer, 'browser');
  mkdirSync(pageDir, { recursive: true });
  for (const file of ['index.html', 'page.mjs'])
    copyFileSync(join(import.meta.dirname, 'browser', file), join(pageDir, file));
  const esbuild = createRequire(join(repoRoot, 'package.json'))('esbuild');
  const built = esbuild.buildSync({
    absWorkingDir: consumer,
    entryPoints: [join(pageDir, 'page.mjs')],
    outfile: join(pageDir, 'page.js'),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    logLevel: 'silent',
    metafile: true,
  });
  const inputs = Object.keys(built.metafile.inputs);
  return { pageDir, inputs, bytes: readFileSync(join(pageDir, 'page.js')).length };
}

/** Serves the page's folder, and /api/cbr-token as the app's backend would (the browser never holds a long-lived secret). */
async function startPageServer(pageDir) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/api/cbr-token') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(TOKEN);
      return;
    }
    const file = path === '/' ? 'index.html' : path.slice(1);
    if (!/^[\w.-]+$/.test(file) || !types[extname(file)]) {
      res.writeHead(404).end();
      return;
    }
    try {
      res.writeHead(200, { 'content-type': types[extname(file)] }).end(readFileSync(join(pageDir, file)));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  closers.add(() => server.close());
  return `http://127.0.0.1:${server.address().port}`;
}

/** Opens the page and waits for it to show "done" or "failed"; returns { state, result, console }. */
async function runPage(context, url) {
  const page = await context.newPage();
  const messages = [];
  page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
  try {
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('#state')?.textContent !== 'running', undefined, {
      timeout: 30_000,
    });
    const state = await page.textContent('#state');
    const text = await page.textContent('#result');
    let result;
    try {
      result = JSON.parse(text ?? '');
    } catch {
      result = { unparsed: text };
    }
    return { state, result, console: messages.join('\n') };
  } catch (error) {
    return { state: 'no answer', result: { error: error.message }, console: messages.join('\n') };
  } finally {
    await page.close();
  }
}

async function checkBrowser(consumer, chromiumPath) {
  const bundle = bundlePage(consumer);
  const fromTarballs = ['@cbr-sdk/checkpoint/', '@cbr-sdk/checkpoint-api/'].every((name) =>
    bundle.inputs.some((input) => input.includes(`node_modules/${name}dist/`)),
  );
  const nodeBuiltins = bundle.inputs.filter(
    (input) => input.startsWith('node:') || /node_modules\/axios\/lib\/adapters\/http/.test(input),
  );
  check(
    'browser: esbuild bundles the page from the installed tarballs, with no Node built-in',
    fromTarballs && nodeBuiltins.length === 0,
    `${(bundle.bytes / 1024).toFixed(1)} KiB minified`,
    `inputs:\n${bundle.inputs.join('\n')}`,
  );

  // A fresh profile each run; the flags keep Chromium from reaching out to anything but the page and the mock.
  const { chromium } = createRequire(join(toolsDir, 'package.json'))('playwright-core');
  let context;
  try {
    context = await chromium.launchPersistentContext(join(tmp, 'chromium-profile'), {
      executablePath: chromiumPath,
      headless: true,
      chromiumSandbox: false,
      args: CHROMIUM_ARGS,
    });
  } catch (error) {
    fail(`browser: headless Chromium starts (${chromiumPath})`, error.message);
    return;
  }
  closers.add(() => context.close());
  const version = context.browser()?.version() ?? run(chromiumPath, ['--version']).stdout.trim();
  pass('browser: headless Chromium starts (playwright-core, executablePath)', `${chromiumPath}, ${version}`);

  const pageOrigin = await startPageServer(bundle.pageDir);
  const mockArgs = [join('node_modules', '.bin', 'cbr-mock-server'), '--port', '0', '--available-after', '300'];
  const mock = await startMock(
    'cbr-mock-server --cors',
    process.execPath,
    [...mockArgs, ...MOCK_AUTH_ARGS, '--cors', pageOrigin],
    consumer,
  );
  const elsewhere = await startMock(
    'cbr-mock-server --cors (another origin)',
    process.execPath,
    [...mockArgs, ...MOCK_AUTH_ARGS, '--cors', 'http://127.0.0.1:1'],
    consumer,
  );

  for (const [auth, query] of [
    ["a token from the page's own origin", 'auth=token'],
    ['AK/SK (Web Crypto)', `auth=aksk&ak=${ACCESS_KEY}&sk=${encodeURIComponent(SECRET_KEY)}`],
  ]) {
    const shown = await runPage(context, `${pageOrigin}/?mock=${encodeURIComponent(mock.url)}&${query}`);
    const problems =
      shown.state === 'done'
        ? scenarioProblems({ results: [{ auth, ...shown.result }] }, [auth])
        : [`state ${shown.state}`];
    if (problems.length === 0) {
      const onMock = await statusesOnMock(mock.url, [shown.result.id]);
      if (onMock[shown.result.id] !== 'available') problems.push(`the mock has it as ${onMock[shown.result.id]}`);
      // X-Request-Id reaches the page only through Access-Control-Expose-Headers.
      if (!shown.result.requestIds?.every((id) => /^[0-9a-f]{32}$/.test(id ?? '')))
        problems.push(`request ids seen by the page: ${JSON.stringify(shown.result.requestIds)}`);
    }
    check(
      `browser: the page creates a restore point with ${auth}, waits, and shows it (mock --cors <page origin>)`,
      problems.length === 0,
      `${shown.result.id} ${shown.result.statuses?.join('→')}, ${shown.result.requestIds?.length} request ids read`,
      `${problems.join('\n')}\npage: ${JSON.stringify(shown.result)}\n${shown.console}`,
    );
  }
  const preflights = mock.output().match(/^OPTIONS \S+ 204$/gm) ?? [];
  check(
    "browser: the mock answered the page's preflights (OPTIONS 204)",
    preflights.length > 0,
    `${preflights.length} preflights`,
    mock.output(),
  );

  const refused = await runPage(context, `${pageOrigin}/?mock=${encodeURIComponent(elsewhere.url)}&auth=token`);
  const elsewhereLog = elsewhere.output();
  check(
    "browser: a mock whose --cors list lacks the page's origin refuses the preflight, the page gets CbrNetworkError and nothing is created",
    refused.state === 'failed' &&
      refused.result.name === 'CbrNetworkError' &&
      /^OPTIONS \S+ 403$/m.test(elsewhereLog) &&
      !/^POST /m.test(elsewhereLog),
    `${refused.result.name}: ${refused.result.message}`,
    `page: ${JSON.stringify(refused.result)}\nmock log:\n${elsewhereLog}`,
  );
  await mock.stop();
  await elsewhere.stop();
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  console.log(`runtimes test in ${tmp}${IN_CI ? ' (CI: a missing runtime is a failure)' : ''}`);
  section('the packages, packed and installed into a consumer folder');
  const consumer = installConsumer();

  section('runtimes from npm (scripts/runtimes/tools)');
  const tools = installTools();

  section(`node ${process.versions.node} (the baseline)`);
  // The mock that Node, Bun and Deno clients call: startMockServer of the installed tarball, in this process,
  // so that the requests it recorded (their User-Agent) can be read.
  const mockServerEntry = createRequire(join(consumer, 'package.json')).resolve('@cbr-sdk/mock-server');
  const { startMockServer } = await import(pathToFileURL(mockServerEntry).href);
  const nodeMock = await startMockServer({
    port: 0,
    availableAfterMs: 300,
    tokens: [TOKEN],
    accessKeys: { [ACCESS_KEY]: SECRET_KEY },
    iamUsers: [IAM_USER],
  });
  closers.add(() => nodeMock.close());
  await checkClients('node', process.versions.node, consumer, nodeMock);

  for (const runtime of ['bun', 'deno']) {
    section(`${runtime} ${tools.pinned[runtime]}`);
    if (tools.missing[runtime]) {
      unavailable(runtime, tools.missing[runtime]);
      continue;
    }
    await checkClients(runtime, tools.pinned[runtime], consumer, nodeMock);
    await checkMockUnder(runtime, consumer);
  }
  await nodeMock.close();

  section(`headless Chromium (playwright-core ${tools.pinned['playwright-core']})`);
  const chromiumPath = findChromium();
  if (!chromiumPath)
    unavailable(
      'chromium',
      'no chromium on PATH nor at /usr/bin/chromium: install it with `apt-get install -y chromium` (.ci/run does)',
    );
  else if (tools.missing['playwright-core']) unavailable('playwright-core', tools.missing['playwright-core']);
  else await checkBrowser(consumer, chromiumPath);
}

try {
  await main();
} catch (error) {
  if (!(error instanceof Abort)) fail('unexpected error', error?.stack ?? String(error));
  else console.log(`(stopped after "${error.message}")`);
}
for (const close of closers) await Promise.resolve(close()).catch(() => {});
console.log(`\ntest:runtimes took ${report.elapsed()}`);
const exitCode = report.summary('runtimes');
cleanup();
process.exit(exitCode);
