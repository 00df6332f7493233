// The two ways a client sends: the lean node:http transport (Node's default) and axios (browsers, or a
// caller's own instance). Matrices that matter run on both.
import axios from 'axios';
import type { CbrClientOptions } from '../../src/index.js';

export const transports: [string, () => Partial<CbrClientOptions>][] = [
  ['node:http (default)', () => ({})],
  ['axios instance', () => ({ axios: axios.create() })],
];
