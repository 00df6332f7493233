// Where requests go: a region's CBR endpoint from the spec's server list, or an explicit URL. Plain
// http:// only to this machine (loopback) or when the caller opts in, so credentials never cross a network
// in clear text by accident.
import { REGIONS, type Region, SERVER_URL_TEMPLATE } from '@cbr-sdk/checkpoint-api';
import { CbrConfigError } from '../errors/cbr-error.js';

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export const isLoopbackHost = (hostname: string) => LOOPBACK_HOSTS.test(hostname);

/** The endpoint URL (no trailing slash) for a region or an explicit endpoint. */
export function resolveEndpoint(options: { region?: string; endpoint?: string; allowInsecureHttp?: boolean }): string {
  if (options.endpoint !== undefined) return checkEndpoint(options.endpoint, options.allowInsecureHttp ?? false);
  if (options.region === undefined || options.region === '') {
    throw new CbrConfigError(
      'region or endpoint is required: pass { region: "cn-north-4" } or { endpoint: "https://…" }',
    );
  }
  if (!(REGIONS as readonly string[]).includes(options.region)) {
    throw new CbrConfigError(
      `region "${options.region}" has no known CBR endpoint; pass one of ${REGIONS.join(', ')}, or an explicit endpoint`,
    );
  }
  return SERVER_URL_TEMPLATE.replace('{region}', options.region as Region);
}

/** Checks an endpoint URL given as option `field`; returns it without a trailing slash. */
export function checkEndpoint(endpoint: string, allowInsecureHttp: boolean, field = 'endpoint'): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new CbrConfigError(`${field} is not a URL: ${JSON.stringify(endpoint)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new CbrConfigError(`${field} must be an https:// URL (got ${url.protocol})`);
  }
  if (url.protocol === 'http:' && !allowInsecureHttp && !isLoopbackHost(url.hostname)) {
    throw new CbrConfigError(
      `${field} ${url.origin} is plain http:// to another machine: credentials would travel unencrypted. Use https://, or set allowInsecureHttp: true if you really mean it`,
    );
  }
  if (url.username || url.password) throw new CbrConfigError(`${field} must not contain a user name or password`);
  if (url.search || url.hash) throw new CbrConfigError(`${field} must not contain a query string or fragment`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
