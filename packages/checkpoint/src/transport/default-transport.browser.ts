// The default transport of the browser build (the `browser` condition of package.json; tsup.base.ts puts this
// file in place of default-transport.ts): axios, with its fetch/XHR adapters, imported as usual since every
// request needs it. Node's node:http transport has no use there and stays out of browser bundles.
import axios from 'axios';
import { axiosTransport } from './axios-transport.js';
import type { Transport } from './transport.js';

export function defaultTransport(): Transport {
  return axiosTransport(axios.create());
}
