// Stoplight Prism, a third party's reading of openapi/*.yaml, for the contract tests of every package:
// `prism mock` answers from the spec, `prism proxy` validates real traffic against it. With --errors, any
// request or answer that breaks the spec becomes an error.
//
// Prism runs inside the test's process, through the libraries its CLI is made of, wired as the CLI wires
// them (node_modules/@stoplight/prism-cli/dist/util/createServer.js). A `prism` process costs about 5 CPU-s
// to start, 3.5 of it loading these modules; in process they load once per test worker, and each spec is
// parsed once. (The CLI also applies a spec's `x-json-schema-faker` options, which only `--dynamic` reads.)
// After a Prism upgrade, compare startPrism's config with that file's createPrismServerWithLogger.
import { createRequire, Module } from 'node:module';
import { fileURLToPath } from 'node:url';

export const SPEC_PATH = fileURLToPath(new URL('../openapi/cbr-checkpoint.yaml', import.meta.url));

export interface RunningPrism {
  /** Where it listens: `http://127.0.0.1:<ephemeral port>`. */
  url: string;
  /** Closes the server (its idle connections too); resolves once nothing listens. */
  stop(): Promise<void>;
}

/** A spec's operations as Prism reads them (opaque here). */
type Operations = readonly unknown[];

/** The parts of Prism its CLI uses to serve `mock` and `proxy` (the few members used here). */
interface PrismLibraries {
  getHttpOperationsFromSpec(spec: string): Promise<Operations>;
  createServer(
    operations: Operations,
    options: { cors: boolean; config: object; components: { logger: unknown } },
  ): { listen(port: number, host: string): Promise<string>; close(): Promise<void> };
  createLogger(name: string, options: { level: string }): { child(bindings: object): unknown };
}

let libraries: PrismLibraries | undefined;
/** Each spec's operations, by path. */
const operationsBySpec = new Map<string, Promise<Operations>>();

/**
 * Prism's libraries, loaded on first use and kept for the process. They are resolved from the CLI's own
 * package, so they are the very copies `prism` (the pinned devDependency) runs.
 */
function prismLibraries(): PrismLibraries {
  if (!libraries) {
    const fromRoot = createRequire(import.meta.url);
    const fromCli = createRequire(fromRoot.resolve('@stoplight/prism-cli/package.json'));
    deferFaker(createRequire(fromCli.resolve('@stoplight/prism-http')));
    libraries = {
      getHttpOperationsFromSpec: fromCli('@stoplight/prism-http').getHttpOperationsFromSpec,
      createServer: fromCli('@stoplight/prism-http-server').createServer,
      createLogger: fromCli('@stoplight/prism-core').createLogger,
    };
  }
  return libraries;
}

/**
 * Starts Prism as `prism mock <spec> --errors` (`['mock', spec]`) or `prism proxy <spec> <upstream> --errors`
 * (`['proxy', spec, upstream]`) would, on 127.0.0.1 and an ephemeral port.
 */
export async function startPrism(args: string[]): Promise<RunningPrism> {
  const [command, spec, upstream] = args;
  if (!spec || !(command === 'mock' || (command === 'proxy' && upstream))) {
    throw new Error(`startPrism: expected ['mock', spec] or ['proxy', spec, upstream], got ${JSON.stringify(args)}`);
  }
  try {
    const prism = prismLibraries();
    // No log: a failed start throws its cause, and each refusal's reason is in the answer (its body and its
    // sl-violations header), where the test's assertion shows it.
    const logger = prism.createLogger('CLI', { level: 'silent' });
    const operations = await operationsOf(spec);
    if (operations.length === 0) throw new Error(`no operations in ${spec}`);
    // The CLI's defaults (cors on, static examples, request validation on) with --errors.
    const shared = {
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: true,
      upstreamProxy: undefined,
      mock: { dynamic: false, ignoreExamples: false },
    };
    const config =
      command === 'proxy'
        ? { ...shared, isProxy: true, upstream: new URL(upstream as string) }
        : { ...shared, isProxy: false };
    const server = prism.createServer(operations, {
      cors: true,
      config,
      components: { logger: logger.child({ name: 'HTTP SERVER' }) },
    });
    const url = await server.listen(0, '127.0.0.1');
    return { url, stop: () => server.close() };
  } catch (error) {
    throw new Error(`prism ${args.join(' ')} did not start: ${String(error)}`, { cause: error });
  }
}

/**
 * Prism's mocker loads faker with all its 57 locales (about 1.5 CPU-s, half of Prism's load) for `--dynamic`,
 * which no test uses. So `require` is given a stand-in for it first: the same exports, whose faker loads the
 * real module the first time anything reads it (json-schema-faker only keeps a reference until then).
 */
function deferFaker(fromPrismHttp: NodeJS.Require): void {
  const path = fromPrismHttp.resolve('@faker-js/faker');
  if (fromPrismHttp.cache[path]) return; // already loaded: nothing to save
  let real: { faker: object; [name: string]: unknown } | undefined;
  const load = () => {
    if (!real) {
      delete fromPrismHttp.cache[path];
      real = fromPrismHttp('@faker-js/faker') as NonNullable<typeof real>;
    }
    return real;
  };
  const faker = new Proxy(
    {},
    {
      get: (_, key) => Reflect.get(load().faker, key),
      has: (_, key) => Reflect.has(load().faker, key),
      ownKeys: () => Reflect.ownKeys(load().faker),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(load().faker, key);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
  const standIn = new Module(path);
  standIn.filename = path;
  standIn.loaded = true;
  standIn.exports = { default: faker, faker };
  for (const name of ['Faker', 'FakerError', 'Gender']) {
    Object.defineProperty(standIn.exports, name, { enumerable: true, get: () => load()[name] });
  }
  fromPrismHttp.cache[path] = standIn;
}

/** The spec's operations, parsed once per process (Prism also caches its compiled validators per schema). */
function operationsOf(spec: string): Promise<Operations> {
  let operations = operationsBySpec.get(spec);
  if (!operations) {
    operations = prismLibraries().getHttpOperationsFromSpec(spec);
    operationsBySpec.set(spec, operations);
  }
  return operations;
}
