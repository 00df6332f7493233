// axios, imported when the first request that needs it is sent. In Node the default transport is node:http
// and never touches axios, so importing the SDK must not load it (it is most of a cold start). The specifier
// is a literal, so bundlers still find axios; the CommonJS build requires it, and the browser build
// (`browser` export condition) imports it statically (tsup.base.ts).
import type { AxiosStatic } from 'axios';
import { CbrConfigError } from '../errors/cbr-error.js';

let loading: Promise<AxiosStatic> | undefined;

export function loadAxios(): Promise<AxiosStatic> {
  loading ??= import('axios').then(
    (module) => module.default,
    (error: unknown) => {
      loading = undefined; // not cached: the next request tries again
      throw new CbrConfigError(`could not load axios: ${(error as Error)?.message}`);
    },
  );
  return loading;
}
