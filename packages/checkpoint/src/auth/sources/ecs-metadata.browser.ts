// fromEcsMetadata in the browser build: a page has no metadata service (and must not ask 169.254.169.254), so
// the provider is a configuration error there, and browser bundles carry neither its code nor the
// credential-sources spec it loads.
import { CbrConfigError } from '../../errors/cbr-error.js';
import type { AccessKeyProvider } from '../credentials.js';

/** The metadata service's address on every ECS/BMS server. */
export const DEFAULT_METADATA_ENDPOINT = 'http://169.254.169.254';
/** The environment variable that points the metadata requests elsewhere (a mock server in tests). */
export const METADATA_ENDPOINT_VARIABLE = 'HUAWEICLOUD_SDK_METADATA_ENDPOINT';

/** Options of {@link fromEcsMetadata}. */
export interface EcsMetadataOptions {
  /** The metadata service's URL. Default: `HUAWEICLOUD_SDK_METADATA_ENDPOINT`, else `http://169.254.169.254`. */
  endpoint?: string;
  /** Timeout of each request to the metadata service, in milliseconds. Default 1000. */
  timeoutMs?: number;
  /** Where `HUAWEICLOUD_SDK_METADATA_ENDPOINT` is read; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** In a browser: always a CbrConfigError (there is no metadata service). */
export function fromEcsMetadata(_options: EcsMetadataOptions = {}): AccessKeyProvider {
  throw new CbrConfigError('fromEcsMetadata: there is no ECS metadata service in a browser');
}
