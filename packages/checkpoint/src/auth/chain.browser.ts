// The default credentials in the browser build: none of the chain's sources exists in a page (no environment,
// no files, no metadata service), so leaving `credentials` out is a configuration error there, and a browser
// bundle of CbrClient carries none of the sources' code. The providers themselves stay importable.
import { CbrConfigError } from '../errors/cbr-error.js';
import type { Credentials } from './credentials.js';

/** Options of {@link defaultCredentials}. */
export interface DefaultCredentialsOptions {
  /** The environment to read; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Timeout of each request to the metadata service, in milliseconds. Default 1000. */
  metadataTimeoutMs?: number;
}

/** The sources of the default chain, in order (for docs and error messages). */
export const CREDENTIAL_SOURCES = ['environment', 'credentials file', 'CCE pod identity', 'ECS metadata'] as const;

/** In a browser: always a CbrConfigError (pass `credentials`, e.g. `{ token: () => … }`). */
export function defaultCredentials(_options: DefaultCredentialsOptions = {}): Credentials {
  throw new CbrConfigError(
    'credentials is required in a browser (the default chain reads the environment, files and the ECS metadata service, which a page has not): pass credentials: { token } or { token: () => … }',
  );
}
