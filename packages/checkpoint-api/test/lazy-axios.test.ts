// The generated client loads axios when a request is sent without an instance, never at module load: code
// that only builds requests (the param creators, as @cbr-sdk/checkpoint uses them) never loads it. Checked
// on every generated file (any output folder of the generator under src/, so also a second spec's), and on
// the built package in a fresh Node process per format, ES module and CommonJS, for every entry point it exports.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, type ModuleFormat, packageDirOf, runInFreshNode } from '../../../test-support/fresh-node.js';
import { startRecordingServer } from './recording-server.js';
import { seed } from './seed.js';

const packageDir = packageDirOf(import.meta.url);
const srcDir = join(packageDir, 'src');

/** Every file the generator wrote: the folders under src/ that hold its manifest, and the files it lists. */
function generatedFiles(): { folder: string; file: string; text: string }[] {
  const files: { folder: string; file: string; text: string }[] = [];
  const visit = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true });
    if (entries.some((entry) => entry.name === '.openapi-generator')) {
      const manifest = readFileSync(join(dir, '.openapi-generator', 'FILES'), 'utf8');
      for (const file of manifest.split('\n').filter((line) => line.endsWith('.ts'))) {
        files.push({ folder: dir, file, text: readFileSync(join(dir, file), 'utf8') });
      }
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith('.')) visit(join(dir, entry.name));
    }
  };
  visit(srcDir);
  return files;
}

/** The import statements of a module that bring in axios as a value (not `import type`). */
const axiosValueImports = (text: string) =>
  [...text.matchAll(/^import\s+([^;]*?)\s*from\s*['"]axios['"]/gms)]
    .map((match) => match[0])
    .filter((statement) => !/^import\s+type\s/.test(statement));

describe('the generated sources', () => {
  const files = generatedFiles();

  it('are found (the API files of every generated client)', () => {
    expect(files.filter(({ file }) => file.startsWith('api/')).length).toBeGreaterThan(0);
  });

  it('import axios as types only; the one dynamic import is the loader in common.ts', () => {
    for (const { folder, file, text } of files) {
      expect(axiosValueImports(text), `${folder}/${file}`).toEqual([]);
      expect(/require\(\s*['"]axios['"]\s*\)/.test(text), `${folder}/${file}`).toBe(false);
      const dynamic = /import\(\s*['"]axios['"]\s*\)/.test(text);
      expect(dynamic, `${folder}/${file}`).toBe(file === 'common.ts');
    }
  });

  it('send through the lazily loaded global axios in every API file', () => {
    for (const { folder, file, text } of files.filter(({ file }) => file.startsWith('api/'))) {
      expect(text, `${folder}/${file}`).toMatch(/createRequestFunction\([^)]*loadGlobalAxios/);
      expect(text, `${folder}/${file}`).not.toMatch(/\bglobalAxios\b(?!\()/);
    }
  });

  it('the check above catches a value import', () => {
    expect(axiosValueImports("import globalAxios from 'axios';\nimport type { A } from 'axios';")).toHaveLength(1);
    expect(axiosValueImports("import {\n  type AxiosInstance,\n  isAxiosError,\n} from 'axios';")).toHaveLength(1);
  });
});

const exported = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).exports as Record<string, unknown>;
const entryPoints = Object.keys(exported)
  .filter((subpath) => subpath !== './package.json')
  .map((subpath) => `@cbr-sdk/checkpoint-api${subpath.slice(1)}`);

let server: Awaited<ReturnType<typeof startRecordingServer>>;
beforeAll(async () => {
  assertBuilt(packageDir);
  server = await startRecordingServer(() => ({ status: 200, body: seed.response }));
});
afterAll(() => server?.close());

/** What one fresh process saw: each entry point imported in turn, a request built, then two sent. */
interface StepsSeen {
  /** Per entry point: its request builders, and the watched packages first loaded while it was imported. */
  entryPoints: Record<string, { builders: string[]; loaded: string[] }>;
  request: { url: string; method: string };
  /** The watched packages loaded once every entry point was imported and the request built. */
  loadedBeforeSending: string[];
  /** CheckpointsApi sending with the global axios, and what was loaded just before it sent. */
  globalAxios: { status: number; id: string; loadedBefore: string[] };
  /** CheckpointsApi sending with the caller's axios instance. */
  ownInstance: { status: number };
}

/** The id of the restore point read with the caller's axios instance in `format`'s process. */
const ownInstanceId = (format: ModuleFormat) => `c2-${format}`;

// One fresh process per format (a Node process costs about 0.2 CPU-s before it runs a line): each entry point is
// imported and its builders run in turn, and what each one first loaded is noted (a package loaded by an earlier
// entry point is blamed on that one, and fails its test all the same); a request is built; what was loaded by
// then is noted. Only then does it send: with the global axios (loaded by that first request), then with an
// axios instance of its own.
const EVERY_STEP = (format: ModuleFormat) => `
  const entryPoints = {};
  let before = globalThis.loadedPackages();
  for (const entryPoint of ${JSON.stringify(entryPoints)}) {
    const api = await load(entryPoint);
    const builders = Object.keys(api).filter((name) => name.endsWith('AxiosParamCreator'));
    for (const name of builders) api[name](new api.Configuration({ apiKey: 't' }));
    const now = globalThis.loadedPackages();
    entryPoints[entryPoint] = { builders, loaded: now.filter((name) => !before.includes(name)) };
    before = now;
  }
  const { CheckpointsApi, CheckpointsApiAxiosParamCreator, Configuration } = await load('@cbr-sdk/checkpoint-api');
  const args = await CheckpointsApiAxiosParamCreator(new Configuration({ apiKey: 't' })).showCheckpoint('p', 'c/1');
  const loadedBeforeSending = globalThis.loadedPackages();

  const api = new CheckpointsApi(new Configuration({ basePath: process.env.CBR_TEST_ENDPOINT, apiKey: 't' }));
  const loadedBefore = globalThis.loadedPackages();
  const response = await api.showCheckpoint('${seed.projectId}', 'c1');
  const globalAxios = { status: response.status, id: response.data.checkpoint.id, loadedBefore };

  const axios = (await load('axios')).default;
  const instance = axios.create({ headers: { 'x-own-instance': 'yes' } });
  const own = new CheckpointsApi(new Configuration({ apiKey: 't' }), process.env.CBR_TEST_ENDPOINT, instance);
  const ownResponse = await own.showCheckpoint('${seed.projectId}', '${ownInstanceId(format)}');
  return {
    entryPoints,
    request: { url: args.url, method: args.options.method },
    loadedBeforeSending,
    globalAxios,
    ownInstance: { status: ownResponse.status },
  };`;
const stepsSeen = new Map<ModuleFormat, ReturnType<typeof runInFreshNode<StepsSeen>>>();
/** The process of `format`, started by the first test that needs it. */
const stepsIn = (format: ModuleFormat) => {
  let run = stepsSeen.get(format);
  if (!run) {
    run = runInFreshNode<StepsSeen>(format, EVERY_STEP(format), {
      cwd: packageDir,
      env: { CBR_TEST_ENDPOINT: server.url },
    });
    stepsSeen.set(format, run);
  }
  return run;
};

describe.each(['esm', 'cjs'] as const)('the built package (%s) in a fresh Node process', (format) => {
  it.each(entryPoints)('%s imports, and its request builders run, without loading axios', async (entryPoint) => {
    const { result } = await stepsIn(format);
    const seen = result.entryPoints[entryPoint];
    expect(seen?.builders.length).toBeGreaterThan(0);
    expect(seen?.loaded).toEqual([]);
  });

  it('builds a request with CheckpointsApiAxiosParamCreator without loading axios', async () => {
    const { result } = await stepsIn(format);
    expect(result.request).toEqual({ url: '/v3/p/checkpoints/c%2F1', method: 'GET' });
    // Nothing watched was loaded before the first request was sent (every entry point imported, the request built).
    expect(result.loadedBeforeSending).toEqual([]);
  });

  it('loads the global axios when CheckpointsApi sends a request, and the request works', async () => {
    const { result, loaded } = await stepsIn(format);
    expect(result.globalAxios).toEqual({ status: 200, id: seed.response.checkpoint.id, loadedBefore: [] });
    expect(loaded).toEqual(['axios']);
  });

  it("sends with the caller's axios instance when one is given", async () => {
    const { result } = await stepsIn(format);
    expect(result.ownInstance.status).toBe(200);
    const sent = server.requests.filter(
      (request) => request.rawPath === `/v3/${seed.projectId}/checkpoints/${ownInstanceId(format)}`,
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers['x-own-instance']).toBe('yes');
  });
});
