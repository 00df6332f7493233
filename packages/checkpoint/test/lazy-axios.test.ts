// Start fast: in Node, importing the SDK and sending with its default transport (node:http) never loads
// axios; a proxy in the environment or a caller's axios instance does, and then it works. The built package
// runs in fresh Node processes, as ES module and as CommonJS, with a probe that reports the packages the
// process loaded (test-support/module-probe: a resolve hook and require.cache). A Node process costs about
// 0.2 CPU-s before it runs a line: one process per format imports, sends with node:http, then with a caller's
// axios instance, noting what was loaded at each step; the proxy (in the environment from the start) has
// processes of its own.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  type FreshNodeResult,
  type ModuleFormat,
  packageDirOf,
  runInFreshNode,
} from '../../../test-support/fresh-node.js';
import { PROJECT_ID, seedResponse, TOKEN } from './support/fixtures.js';
import { json, type ScriptedServer, scriptedServers } from './support/scripted-server.js';

const packageDir = packageDirOf(import.meta.url);
const CHECKPOINT_ID = seedResponse().checkpoint.id as string;
const serverFor = scriptedServers();

beforeAll(() => {
  assertBuilt(packageDir);
  assertBuilt(`${packageDir}/../checkpoint-api`);
});

// A client on the scripted server (given as CBR_TEST_ENDPOINT), reading one restore point.
const READ_ONE = `
  const { CbrClient } = await load('@cbr-sdk/checkpoint');
  const client = new CbrClient({ endpoint: process.env.CBR_TEST_ENDPOINT, projectId: '${PROJECT_ID}', credentials: { token: '${TOKEN}' }, maxRetries: 0 });
  const loadedBeforeTheCall = globalThis.loadedPackages();
  const checkpoint = await client.checkpoints.get('${CHECKPOINT_ID}');
  return { id: checkpoint.id, loadedBeforeTheCall };`;

/** What the shared process saw at each step (`loaded…`: the watched packages loaded by then). */
interface Steps {
  exports: string[];
  loadedAfterImport: string[];
  nodeHttp: { id: string; loadedBeforeTheCall: string[]; loadedAfterTheCall: string[] };
  ownAxios: { id: string };
}

// Import; a client with the default transport (CBR_TEST_ENDPOINT); then one with the caller's axios instance
// (CBR_TEST_INSTANCE_ENDPOINT), its interceptor adding a header.
const IMPORT_THEN_SEND_TWICE = `
  const sdk = await load('@cbr-sdk/checkpoint');
  const exports = Object.keys(sdk).filter((name) => name === 'CbrClient' || name === 'CbrError');
  const loadedAfterImport = globalThis.loadedPackages();
  const { CbrClient } = sdk;
  const client = new CbrClient({ endpoint: process.env.CBR_TEST_ENDPOINT, projectId: '${PROJECT_ID}', credentials: { token: '${TOKEN}' }, maxRetries: 0 });
  const loadedBeforeTheCall = globalThis.loadedPackages();
  const checkpoint = await client.checkpoints.get('${CHECKPOINT_ID}');
  const nodeHttp = { id: checkpoint.id, loadedBeforeTheCall, loadedAfterTheCall: globalThis.loadedPackages() };

  const axios = (await load('axios')).default;
  const instance = axios.create();
  instance.interceptors.request.use((config) => { config.headers.set('x-from-interceptor', 'yes'); return config; });
  const withInstance = new CbrClient({ endpoint: process.env.CBR_TEST_INSTANCE_ENDPOINT, projectId: '${PROJECT_ID}', credentials: { token: '${TOKEN}' }, axios: instance });
  const read = await withInstance.checkpoints.get('${CHECKPOINT_ID}');
  return { exports, loadedAfterImport, nodeHttp, ownAxios: { id: read.id } };`;

interface StepsRun {
  run: FreshNodeResult<Steps>;
  /** The server the default transport sent to. */
  cbr: ScriptedServer;
  /** The server the caller's axios instance sent to. */
  instanceCbr: ScriptedServer;
}
const stepsRuns = new Map<ModuleFormat, Promise<StepsRun>>();
/** The shared process of `format`, started by the first test that needs it. */
function stepsIn(format: ModuleFormat): Promise<StepsRun> {
  let running = stepsRuns.get(format);
  if (!running) {
    running = (async () => {
      const [cbr, instanceCbr] = await Promise.all([
        serverFor(() => json(200, seedResponse())),
        serverFor(() => json(200, seedResponse())),
      ]);
      const run = await runInFreshNode<Steps>(format, IMPORT_THEN_SEND_TWICE, {
        cwd: packageDir,
        env: { CBR_TEST_ENDPOINT: cbr.url, CBR_TEST_INSTANCE_ENDPOINT: instanceCbr.url },
      });
      return { run, cbr, instanceCbr };
    })();
    stepsRuns.set(format, running);
  }
  return running;
}

describe.each(['esm', 'cjs'] as const)('the built @cbr-sdk/checkpoint (%s) in a fresh Node process', (format) => {
  it('imports without loading axios', async () => {
    const { run } = await stepsIn(format);
    expect(run.result.exports.sort()).toEqual(['CbrClient', 'CbrError']);
    expect(run.result.loadedAfterImport).toEqual([]);
  });

  it('creates a client and sends with node:http without loading axios', async () => {
    const { run, cbr } = await stepsIn(format);
    expect(run.result.nodeHttp.id).toBe(CHECKPOINT_ID);
    expect(cbr.received).toHaveLength(1);
    expect(run.result.nodeHttp.loadedBeforeTheCall).toEqual([]);
    expect(run.result.nodeHttp.loadedAfterTheCall).toEqual([]);
  });

  it('loads axios on the first call when HTTP_PROXY is set, and goes through the proxy', async () => {
    const [cbr, proxy] = await Promise.all([
      serverFor(() => json(500, { error_code: 'x', error_msg: 'should have gone through the proxy' })),
      serverFor(() => json(200, seedResponse())),
    ]);
    const { result, loaded } = await runInFreshNode<{ id: string; loadedBeforeTheCall: string[] }>(format, READ_ONE, {
      cwd: packageDir,
      env: { CBR_TEST_ENDPOINT: cbr.url, HTTP_PROXY: proxy.url },
    });
    expect(result.id).toBe(CHECKPOINT_ID);
    // Not when the client was made: when its first request needed it.
    expect(result.loadedBeforeTheCall).toEqual([]);
    expect(loaded).toEqual(['axios']);
    expect(cbr.received).toHaveLength(0);
    expect(proxy.received[0]?.path).toBe(`${cbr.url}/v3/${PROJECT_ID}/checkpoints/${CHECKPOINT_ID}`);
  });

  it("sends with the caller's axios instance, interceptors included", async () => {
    const { run, instanceCbr } = await stepsIn(format);
    expect(run.result.ownAxios.id).toBe(CHECKPOINT_ID);
    expect(instanceCbr.received[0]?.headers['x-from-interceptor']).toBe('yes');
    expect(run.loaded).toEqual(['axios']);
  });
});

describe('the package bundled for a browser (esbuild, platform browser: the `browser` export condition)', () => {
  it('has axios in the bundle, imported statically (no lazy import or lazy module wrappers), and no node:http', async () => {
    const { build } = await import('esbuild');
    const result = await build({
      stdin: {
        contents: `import { CbrClient } from '@cbr-sdk/checkpoint';
          new CbrClient({ endpoint: 'https://cbr.example', projectId: 'p', credentials: { token: 't' } }).checkpoints.get('c');`,
        resolveDir: packageDir,
        loader: 'js',
      },
      absWorkingDir: packageDir,
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    // Paths relative to this package: its own build, and the generated client's.
    expect(inputs).toContain('dist/index.browser.js');
    expect(inputs).toContain('../checkpoint-api/dist/index.browser.js');
    expect(inputs.some((path) => /node_modules\/axios\/lib\/adapters\/(fetch|xhr)\.js$/.test(path))).toBe(true);
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).not.toMatch(/import\(/);
    expect(code).not.toMatch(/__esm\(/);
    // Node's transport stays out of browser bundles.
    expect(code).not.toMatch(/getBuiltinModule\(["']node:http["']\)/);
  });
});
