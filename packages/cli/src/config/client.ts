// The client a command uses: CbrClient.fromEnv() of the SDK, with the command-line flags as its overrides
// (flags win over the environment). cbr reads no credential variable itself.
import { CbrClient, type ClientHooks, ENVIRONMENT_VARIABLES, type EnvironmentOptions } from '@cbr-sdk/checkpoint';
import type { Environment, InputStream } from '../io/cli-io.js';
import type { GlobalOptions } from '../options/command-options.js';
import { CLI_VERSION } from '../version.js';
import { readTokenFromStdin } from './read-token.js';

/** Where the client's settings come from, besides the command line. */
export interface ClientSources {
  /** The environment (the variables of CbrClient.fromEnv). */
  env: Environment;
  /** Standard input, read for --token-stdin. */
  stdin: InputStream;
  /** The SDK hooks to install (--verbose's). Default: none. */
  hooks?: ClientHooks | undefined;
}

/** The SDK client a command uses: the environment's settings, overridden by the flags. */
export async function clientFromOptions(options: GlobalOptions, sources: ClientSources): Promise<CbrClient> {
  const overrides: EnvironmentOptions = { userAgent: `cbr-cli/${CLI_VERSION}` };
  if (options.region !== undefined) overrides.region = options.region;
  if (options.endpoint !== undefined) overrides.endpoint = options.endpoint;
  if (options.projectId !== undefined) overrides.projectId = options.projectId;
  if (options.timeout !== undefined) overrides.timeoutMs = options.timeout;
  if (sources.hooks) overrides.hooks = sources.hooks;
  if (options.tokenStdin) overrides.credentials = { token: await readTokenFromStdin(sources.stdin) };

  let env: Record<string, string | undefined> = sources.env;
  // An endpoint wins over a region in the SDK; a --region flag must still win over CBR_ENDPOINT.
  if (options.region !== undefined && options.endpoint === undefined) {
    env = { ...env };
    delete env[ENVIRONMENT_VARIABLES.endpoint];
  }
  return CbrClient.fromEnv(overrides, env);
}
