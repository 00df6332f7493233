// Where IAM calls go: the `iamEndpoint` option, or the region's IAM endpoint from the IAM spec's servers
// (`https://iam.{region}.myhuaweicloud.com`, and the regions that differ, such as eu-west-101 on .eu). A
// regional endpoint, not the global one: its tokens are valid in that region, which is all CBR needs.
import { IAM_REGIONAL_ENDPOINTS, IAM_SERVER_URL_TEMPLATE } from '@cbr-sdk/checkpoint-api/iam';
import { CbrConfigError } from '../errors/cbr-error.js';
import { checkEndpoint } from './endpoint.js';

export function resolveIamEndpoint(
  options: { iamEndpoint?: string | undefined; allowInsecureHttp?: boolean | undefined },
  region: string | undefined,
  why: string,
): string {
  if (options.iamEndpoint !== undefined) {
    return checkEndpoint(options.iamEndpoint, options.allowInsecureHttp ?? false, 'iamEndpoint');
  }
  if (region === undefined) {
    throw new CbrConfigError(`iamEndpoint or region is required ${why}`);
  }
  return IAM_REGIONAL_ENDPOINTS[region] ?? IAM_SERVER_URL_TEMPLATE.replace('{region}', region);
}
