// Start fast: in Node, importing the SDK and sending with its default transport (node:http) never loads
// axios; a proxy in the environment or a caller's axios instance does, and then it works. Each case runs
// the built package in a fresh Node process, as ES module and as CommonJS, with a probe that reports the
// packages the process loaded (test-support/module-probe: a resolve hook and require.cache).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, packageDirOf, runInFreshNode } from '../../../test-support/fresh-node.js';
import { PROJECT_ID, seedResponse, TOKEN } from './support/fixtures.js';
import { json, type ScriptedServer, startScriptedServer } from './support/scripted-server.js';

const packageDir = packageDirOf(import.meta.url);
const CHECKPOINT_ID = seedResponse().checkpoint.id as string;

let server: ScriptedServer;
beforeAll(async () => {
  assertBuilt(packageDir);
  assertBuilt(`${packageDir}/../checkpoint-api`);
  server = await startScriptedServer(() => json(200, seedResponse()));
});
afterAll(() => server?.close());

// A client on the scripted server (given as CBR_TEST_ENDPOINT), reading one restore point.
const READ_ONE = `
  const { CbrClient } = await load('@cbr-sdk/checkpoint');
  const client = new CbrClient({ endpoint: process.env.CBR_TEST_ENDPOINT, projectId: '${PROJECT_ID}', credentials: { token: '${TOKEN}' }, maxRetries: 0 });
  const loadedBeforeTheCall = globalThis.loadedPackages();
  const checkpoint = await client.checkpoints.get('${CHECKPOINT_ID}');
  return { id: checkpoint.id, loadedBeforeTheCall };`;

describe.each(['esm', 'cjs'] as const)('the built @cbr-sdk/checkpoint (%s) in a fresh Node process', (format) => {
  it('imports without loading axios', async () => {
    const { result, loaded } = await runInFreshNode<string[]>(
      format,
      `const sdk = await load('@cbr-sdk/checkpoint');
       return Object.keys(sdk).filter((name) => name === 'CbrClient' || name === 'CbrError');`,
      { cwd: packageDir },
    );
    expect(result.sort()).toEqual(['CbrClient', 'CbrError']);
    expect(loaded).toEqual([]);
  });

  it('creates a client and sends with node:http without loading axios', async () => {
    server.reset(() => json(200, seedResponse()));
    const { result, loaded } = await runInFreshNode<{ id: string; loadedBeforeTheCall: string[] }>(format, READ_ONE, {
      cwd: packageDir,
      env: { CBR_TEST_ENDPOINT: server.url },
    });
    expect(result.id).toBe(CHECKPOINT_ID);
    expect(server.received).toHaveLength(1);
    expect(loaded).toEqual([]);
  });

  it('loads axios on the first call when HTTP_PROXY is set, and goes through the proxy', async () => {
    const proxy = await startScriptedServer(() => json(200, seedResponse()));
    try {
      server.reset(() => json(500, { error_code: 'x', error_msg: 'should have gone through the proxy' }));
      const { result, loaded } = await runInFreshNode<{ id: string; loadedBeforeTheCall: string[] }>(format, READ_ONE, {
        cwd: packageDir,
        env: { CBR_TEST_ENDPOINT: server.url, HTTP_PROXY: proxy.url },
      });
      expect(result.id).toBe(CHECKPOINT_ID);
      // Not when the client was made: when its first request needed it.
      expect(result.loadedBeforeTheCall).toEqual([]);
      expect(loaded).toEqual(['axios']);
      expect(server.received).toHaveLength(0);
      expect(proxy.received[0]?.path).toBe(`${server.url}/v3/${PROJECT_ID}/checkpoints/${CHECKPOINT_ID}`);
    } finally {
      await proxy.close();
    }
  });

  it("sends with the caller's axios instance, interceptors included", async () => {
    server.reset(() => json(200, seedResponse()));
    const { result, loaded } = await runInFreshNode<{ id: string }>(
      format,
      `const axios = (await load('axios')).default;
       const instance = axios.create();
       instance.interceptors.request.use((config) => { config.headers.set('x-from-interceptor', 'yes'); return config; });
       const { CbrClient } = await load('@cbr-sdk/checkpoint');
       const client = new CbrClient({ endpoint: process.env.CBR_TEST_ENDPOINT, projectId: '${PROJECT_ID}', credentials: { token: '${TOKEN}' }, axios: instance });
       const checkpoint = await client.checkpoints.get('${CHECKPOINT_ID}');
       return { id: checkpoint.id };`,
      { cwd: packageDir, env: { CBR_TEST_ENDPOINT: server.url } },
    );
    expect(result.id).toBe(CHECKPOINT_ID);
    expect(server.received[0]?.headers['x-from-interceptor']).toBe('yes');
    expect(loaded).toEqual(['axios']);
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
