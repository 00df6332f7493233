// Values the tests share: the seed page's example (from the spec, through the generated constants).
import { CREATE_CHECKPOINT_REQUEST_EXAMPLE, CREATE_CHECKPOINT_RESPONSE_EXAMPLE } from '@cbr-sdk/checkpoint-api';
import type { VaultBackup } from '../../src/index.js';

export const PROJECT_ID = 'f841e01fd2b14e7fa41b6ae7aa6b0594';
export const TOKEN = 'MIIE-secret-token-value-0123456789';
export const ACCESS_KEY = 'HPUAEXAMPLEACCESSKEY';
export const SECRET_KEY = 'secret-key-value-do-not-leak-9876543210';

export const seedParams = (): VaultBackup =>
  structuredClone(CREATE_CHECKPOINT_REQUEST_EXAMPLE.checkpoint) as unknown as VaultBackup;
export const seedResponse = (overrides: Record<string, unknown> = {}) => {
  const response = structuredClone(CREATE_CHECKPOINT_RESPONSE_EXAMPLE) as unknown as {
    checkpoint: Record<string, unknown>;
  };
  Object.assign(response.checkpoint, overrides);
  return response;
};

/**
 * A URL whose connections are refused, for the tests of a refused connection: nothing listens on port 9 here, and
 * no test's server can take it (a server on port 0 gets a port of the ephemeral range, far above 1024), even one
 * that starts alongside.
 */
export const REFUSING_URL = 'http://127.0.0.1:9';
