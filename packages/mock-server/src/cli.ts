#!/usr/bin/env node
// `cbr-mock-server`: runs the mock on a port until SIGINT or SIGTERM, printing its URL and one line per request.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type CorsOption, parseOrigin } from './cors.js';
import type { MetadataSessionTokenMode } from './metadata.js';
import { type MockServer, startMockServer } from './server.js';
import { DEFAULT_MAX_CHECKPOINTS } from './store.js';

const HELP = `Usage: cbr-mock-server [options]

A stand-in for the Huawei Cloud CBR restore point API (POST/GET /v3/{project_id}/checkpoints),
and for the IAM routes the SDK uses (POST /v3/auth/tokens, GET /v3/projects) on the same port,
validating requests against the SDK's OpenAPI specs. With the options below it also serves the
keyless sources of temporary keys: an ECS server's metadata service, OIDC federation at IAM
(POST /v3.0/OS-AUTH/id-token/tokens, the OS-FEDERATION route, POST /v3.0/OS-CREDENTIAL/securitytokens)
and CCE pod identity (POST /v1/credentials). Holds the seed page's vault
3b5816b5-f29c-4172-9d9a-76c719a659ce with server 94eba8b2-acc9-4d82-badc-127144cc5526, and one
project per region (cn-north-4: f841e01fd2b14e7fa41b6ae7aa6b0594).

Options:
  --port <n>                Port to listen on (default 4010; 0 picks a free one)
  --host <address>          Address to listen on (default 127.0.0.1)
  --available-after <ms>    Time a restore point stays "protecting" (default 1000)
  --max-checkpoints <n>     Restore points kept; when full, the oldest done one is forgotten (default 100000)
  --token <token>           Accept only this X-Auth-Token (repeatable; default: any non-empty token)
  --access-key <ak:sk>      Accept AK/SK signatures by this key pair (repeatable)
  --iam-user <d/u:password> Let user u of account d obtain tokens with this password (repeatable;
                            a throwaway test password: it is visible to ps)
  --token-ttl <ms>          Lifetime of the tokens the mock's IAM issues (default 86400000, 24 h)
  --metadata                Serve the metadata service of an ECS server with an agency
                            (point HUAWEICLOUD_SDK_METADATA_ENDPOINT at the mock's URL)
  --metadata-session-token <required|optional|unsupported>
                            The session-token step (default required; unsupported: the PUT is 404)
  --metadata-no-agency      The server has no agency ("Please configure Cloud Service Agency first")
  --credential-ttl <ms>     Lifetime of the keys from metadata and pod identity (default 3600000, 1 h)
  --identity-provider <id>  Let IAM exchange ID tokens of this identity provider (repeatable)
  --id-token-file <id=path> Write an ID token of identity provider <id> to <path> now and every 30 min
                            (valid 1 h), as Kubernetes rotates a projected token (repeatable)
  --pod-identity <file>     Serve pod identity; a pod must send the contents of <file> (trimmed)
                            as Authorization (HC_CONTAINER_AUTHORIZATION_TOKEN_FILE=<file>,
                            HC_CONTAINER_CREDENTIALS_FULL_URI=<url>/v1/credentials)
  --temporary-key-ttl <ms>  Lifetime of IAM's temporary keys, in place of the duration_seconds asked
  --cors [origins]          Let browser pages call the mock: any origin, or only these
                            (comma-separated, repeatable: --cors http://localhost:5173)
  --quiet                   Do not log requests
  -h, --help                Show this help

Prints "cbr-mock-server listening on <url>" once ready; stops on SIGINT or SIGTERM.`;

function fail(message: string): never {
  process.stderr.write(`cbr-mock-server: ${message}\n\n${HELP}\n`);
  process.exit(2);
}

function integer(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) {
    fail(`${name} must be a ${min === 0 ? 'non-negative' : 'positive'} integer`);
  }
  return number;
}

async function main(): Promise<void> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse().values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
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
    port: integer(values.port, '--port', 4010),
    host: values.host ?? '127.0.0.1',
    availableAfterMs: integer(values['available-after'], '--available-after', 1000),
    maxCheckpoints: integer(values['max-checkpoints'], '--max-checkpoints', DEFAULT_MAX_CHECKPOINTS, 1),
    tokens: values.token,
    accessKeys,
    cors: corsOption(values.cors),
    log: values.quiet ? undefined : (line) => process.stdout.write(`${line}\n`),
  });
  const rotation = writeIdTokens(server, idTokenFiles);
  process.stdout.write(`cbr-mock-server listening on ${server.url}\n`);

  const stop = (signal: string) => {
    clearInterval(rotation);
    process.stdout.write(`cbr-mock-server: ${signal}, stopping\n`);
    server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
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
const argv = () =>
  process.argv
    .slice(2)
    .map((arg, index, args) =>
      arg === '--cors' && (index === args.length - 1 || args[index + 1]?.startsWith('-'))
        ? `--cors=${ANY_ORIGIN}`
        : arg,
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

function parse() {
  return parseArgs({
    args: argv(),
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'available-after': { type: 'string' },
      'max-checkpoints': { type: 'string' },
      token: { type: 'string', multiple: true },
      'access-key': { type: 'string', multiple: true },
      'iam-user': { type: 'string', multiple: true },
      'token-ttl': { type: 'string' },
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

main().catch((error: unknown) => {
  process.stderr.write(`cbr-mock-server: ${(error as Error).message}\n`);
  process.exit(1);
});
