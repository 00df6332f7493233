#!/usr/bin/env node
// `cbr-mock-server`: runs the mock on a port until SIGINT or SIGTERM, printing its URL and one line per request.
import { parseArgs } from 'node:util';
import { type CorsOption, parseOrigin } from './cors.js';
import { TOKEN_SIZE_LIMITS } from './iam-tokens.js';
import { startMockServer } from './server.js';
import { DEFAULT_MAX_CHECKPOINTS } from './store.js';

const HELP = `Usage: cbr-mock-server [options]

A stand-in for the Huawei Cloud CBR restore point API (POST/GET /v3/{project_id}/checkpoints),
and for the IAM routes the SDK uses (POST /v3/auth/tokens, GET /v3/projects) on the same port,
validating requests against the SDK's OpenAPI specs. Holds the seed page's vault
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
  --iam-token-size <chars>  Length of every token the mock's IAM issues, 1024 to 120000
                            (default about 6000; Huawei documents tokens of up to 100000)
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

function tokenSize(value: string): number {
  const size = integer(value, '--iam-token-size', 0, 1);
  if (size < TOKEN_SIZE_LIMITS.min || size > TOKEN_SIZE_LIMITS.max) {
    fail(`--iam-token-size must be from ${TOKEN_SIZE_LIMITS.min} to ${TOKEN_SIZE_LIMITS.max} (characters)`);
  }
  return size;
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
  const server = await startMockServer({
    iamUsers,
    ...(values['token-ttl'] === undefined ? {} : { tokenTtlMs: integer(values['token-ttl'], '--token-ttl', 0) }),
    ...(values['iam-token-size'] === undefined ? {} : { iamTokenSize: tokenSize(values['iam-token-size']) }),
    port: integer(values.port, '--port', 4010),
    host: values.host ?? '127.0.0.1',
    availableAfterMs: integer(values['available-after'], '--available-after', 1000),
    maxCheckpoints: integer(values['max-checkpoints'], '--max-checkpoints', DEFAULT_MAX_CHECKPOINTS, 1),
    tokens: values.token,
    accessKeys,
    cors: corsOption(values.cors),
    log: values.quiet ? undefined : (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`cbr-mock-server listening on ${server.url}\n`);

  const stop = (signal: string) => {
    process.stdout.write(`cbr-mock-server: ${signal}, stopping\n`);
    server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
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
      'iam-token-size': { type: 'string' },
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
