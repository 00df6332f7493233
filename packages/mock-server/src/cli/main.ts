// The `cbr-mock-server` command: parses its options, starts the mock, and stops it on SIGINT or SIGTERM.
// Everything outside the command (streams, exit code, signals) is the run's MockCliIo: the real process when the
// bin runs it, streams in memory when a test does.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type CorsOption, parseOrigin } from '../cors.js';
import { TOKEN_SIZE_LIMITS } from '../iam-tokens.js';
import type { MetadataSessionTokenMode } from '../metadata.js';
import { type MockServer, startMockServer } from '../server.js';
import { DAY_MS, DEFAULT_DELETED_AFTER_MS, DEFAULT_MAX_CHECKPOINTS, DEFAULT_VAULTS } from '../store.js';
import type { MockCliIo } from './cli-io.js';
import { USAGE } from './usage.js';

/** A bad command line: reported with the usage, exit code 2. */
class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

function integer(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) {
    fail(`${name} must be a ${min === 0 ? 'non-negative' : 'positive'} integer`);
  }
  return number;
}

function tokenSize(value: string): number {
  const size = integer(value, '--iam-token-size', 0, 1);
  if (size < TOKEN_SIZE_LIMITS.min || size > TOKEN_SIZE_LIMITS.max) {
    fail(`--iam-token-size must be from ${TOKEN_SIZE_LIMITS.min} to ${TOKEN_SIZE_LIMITS.max} (characters)`);
  }
  return size;
}

/**
 * Runs `cbr-mock-server` with its arguments (without node and the script). Returns once the mock listens, with
 * a handler on SIGINT and SIGTERM that stops it and then ends the run (`io.exit(0)`); or, when no mock starts,
 * with `io.exitCode` set: 0 after --help, 2 after a usage error, 1 when the mock could not start.
 */
export async function main(args: readonly string[], io: MockCliIo): Promise<void> {
  try {
    await serve(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`cbr-mock-server: ${error.message}\n\n${USAGE}\n`);
      io.exitCode = 2;
      return;
    }
    io.stderr.write(`cbr-mock-server: ${(error as Error).message}\n`);
    io.exitCode = 1;
  }
}

async function serve(args: readonly string[], io: MockCliIo): Promise<void> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(args).values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    io.exitCode = 0;
    return;
  }
  const accessKeys: Record<string, string> = {};
  for (const pair of values['access-key'] ?? []) {
    const colon = pair.indexOf(':');
    if (colon <= 0 || colon === pair.length - 1) fail('--access-key must be <ak>:<sk>');
    accessKeys[pair.slice(0, colon)] = pair.slice(colon + 1);
  }
  const iamUsers = (values['iam-user'] ?? []).map((spec) => {
    const match = /^([^/:]+)\/([^/:]+):(.+)$/.exec(spec);
    if (!match) fail('--iam-user must be <account>/<user>:<password>');
    const [, domainName = '', userName = '', password = ''] = match;
    return { domainName, userName, password };
  });
  const sessionToken = values['metadata-session-token'];
  if (sessionToken !== undefined && !SESSION_TOKEN_MODES.includes(sessionToken as MetadataSessionTokenMode)) {
    fail(`--metadata-session-token must be one of ${SESSION_TOKEN_MODES.join(', ')}`);
  }
  const wantsMetadata = values.metadata || values['metadata-no-agency'] || sessionToken !== undefined;
  const credentialTtlMs = integer(values['credential-ttl'], '--credential-ttl', 3_600_000, 1);
  const idTokenFiles = (values['id-token-file'] ?? []).map((spec) => {
    const equals = spec.indexOf('=');
    if (equals <= 0 || equals === spec.length - 1) fail('--id-token-file must be <identity provider id>=<path>');
    return { idpId: spec.slice(0, equals), path: spec.slice(equals + 1) };
  });
  const identityProviders = [...new Set([...(values['identity-provider'] ?? []), ...idTokenFiles.map((f) => f.idpId)])];
  let podIdentityToken: string | undefined;
  if (values['pod-identity'] !== undefined) {
    try {
      podIdentityToken = readFileSync(values['pod-identity'], 'utf8').trim();
    } catch (error) {
      fail(`--pod-identity: cannot read ${values['pod-identity']} (${(error as NodeJS.ErrnoException).code})`);
    }
    if (!podIdentityToken) fail(`--pod-identity: ${values['pod-identity']} is empty`);
  }
  const server = await startMockServer({
    ...(wantsMetadata
      ? {
          metadata: {
            agency: !values['metadata-no-agency'],
            sessionToken: (sessionToken as MetadataSessionTokenMode | undefined) ?? 'required',
            credentialTtlMs,
          },
        }
      : {}),
    identityProviders,
    ...(podIdentityToken === undefined
      ? {}
      : { podIdentity: { authorizationToken: podIdentityToken, credentialTtlMs } }),
    ...(values['temporary-key-ttl'] === undefined
      ? {}
      : { temporaryKeyTtlMs: integer(values['temporary-key-ttl'], '--temporary-key-ttl', 0, 1) }),
    iamUsers,
    ...(values['token-ttl'] === undefined ? {} : { tokenTtlMs: integer(values['token-ttl'], '--token-ttl', 0) }),
    ...(values['iam-token-size'] === undefined ? {} : { iamTokenSize: tokenSize(values['iam-token-size']) }),
    port: integer(values.port, '--port', 4010),
    host: values.host ?? '127.0.0.1',
    availableAfterMs: integer(values['available-after'], '--available-after', 1000),
    maxCheckpoints: integer(values['max-checkpoints'], '--max-checkpoints', DEFAULT_MAX_CHECKPOINTS, 1),
    deletedAfterMs: integer(values['deleted-after'], '--deleted-after', DEFAULT_DELETED_AFTER_MS),
    retentionDayMs: integer(values['retention-day'], '--retention-day', DAY_MS, 1),
    ...(values['vault-size'] === undefined
      ? {}
      : {
          vaults: DEFAULT_VAULTS.map((vault) => ({
            ...vault,
            size: integer(values['vault-size'], '--vault-size', 0),
          })),
        }),
    tokens: values.token,
    accessKeys,
    cors: corsOption(values.cors),
    log: values.quiet ? undefined : (line) => io.stdout.write(`${line}\n`),
  });
  let rotation: NodeJS.Timeout | undefined;
  try {
    rotation = writeIdTokens(server, idTokenFiles);
  } catch (error) {
    await server.close();
    throw error;
  }
  io.stdout.write(`cbr-mock-server listening on ${server.url}\n`);

  const stop = (signal: string) => {
    clearInterval(rotation);
    io.stdout.write(`cbr-mock-server: ${signal}, stopping\n`);
    server.close().then(() => io.exit(0));
  };
  io.onceSignal('SIGINT', () => stop('SIGINT'));
  io.onceSignal('SIGTERM', () => stop('SIGTERM'));
}

const SESSION_TOKEN_MODES: readonly MetadataSessionTokenMode[] = ['required', 'optional', 'unsupported'];
const ID_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

/**
 * Writes a fresh ID token to each file now and every half lifetime, as Kubernetes rotates a projected
 * service-account token: a client that reads the file at each refresh never holds an expired one.
 */
function writeIdTokens(
  server: MockServer,
  files: readonly { idpId: string; path: string }[],
): NodeJS.Timeout | undefined {
  if (files.length === 0) return undefined;
  const write = () => {
    for (const { idpId, path } of files) {
      writeFileSync(path, server.mintIdToken(idpId, { expiresInMs: ID_TOKEN_LIFETIME_MS }), { mode: 0o600 });
    }
  };
  try {
    write();
  } catch (error) {
    fail(`--id-token-file: ${(error as Error).message}`);
  }
  const timer = setInterval(write, ID_TOKEN_LIFETIME_MS / 2);
  timer.unref();
  return timer;
}

// parseArgs has no optional values: a bare `--cors` (last, or followed by another option) becomes `--cors=*`.
const ANY_ORIGIN = '*';
const withCorsValues = (args: readonly string[]) =>
  args.map((arg, index) =>
    arg === '--cors' && (index === args.length - 1 || args[index + 1]?.startsWith('-')) ? `--cors=${ANY_ORIGIN}` : arg,
  );

/** `--cors` alone means any origin; `--cors <a,b>` (repeatable) those origins. */
function corsOption(values: string[] | undefined): CorsOption | undefined {
  if (values === undefined) return undefined;
  const origins = values.flatMap((value) => value.split(',')).map((origin) => origin.trim());
  if (origins.includes(ANY_ORIGIN)) return true;
  const bad = origins.find((origin) => parseOrigin(origin) === undefined);
  if (bad !== undefined) fail(`--cors: ${JSON.stringify(bad)} is not an origin such as http://localhost:5173`);
  return origins;
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: withCorsValues(args),
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'available-after': { type: 'string' },
      'max-checkpoints': { type: 'string' },
      'vault-size': { type: 'string' },
      'deleted-after': { type: 'string' },
      'retention-day': { type: 'string' },
      token: { type: 'string', multiple: true },
      'access-key': { type: 'string', multiple: true },
      'iam-user': { type: 'string', multiple: true },
      'token-ttl': { type: 'string' },
      'iam-token-size': { type: 'string' },
      metadata: { type: 'boolean' },
      'metadata-session-token': { type: 'string' },
      'metadata-no-agency': { type: 'boolean' },
      'credential-ttl': { type: 'string' },
      'identity-provider': { type: 'string', multiple: true },
      'id-token-file': { type: 'string', multiple: true },
      'pod-identity': { type: 'string' },
      'temporary-key-ttl': { type: 'string' },
      cors: { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
}
