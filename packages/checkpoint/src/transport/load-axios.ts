// axios, imported when the first request that needs it is sent. In Node the default transport is node:http
// and never touches axios, so importing the SDK must not load it (it is most of a cold start). The specifier
// is a literal: bundlers still find axios and bundle it for browsers; the CommonJS build requires it.
import type { AxiosStatic } from 'axios';
import { CbrConfigError } from '../errors/cbr-error.js';

let loading: Promise<AxiosStatic> | undefined;

export function loadAxios(): Promise<AxiosStatic> {
  loading ??= import('axios').then(
    (module) => module.default,
    (error: unknown) => {
      // Not cached: the next request tries again.
      loading = undefined;
      throw new CbrConfigError(
        `the axios transport (browsers, an HTTP(S)_PROXY) could not load axios: ${(error as Error)?.message ?? String(error)}`,
      );
    },
  );
  return loading;
}
