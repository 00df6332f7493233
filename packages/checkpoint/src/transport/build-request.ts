// From what a generated request builder returns (path, method, headers, serialised body) to the request the
// transport sends. Shared by the CBR and IAM operations.
import { CbrValidationError } from '../errors/cbr-error.js';
import type { OperationId } from '../operations.js';
import type { PreparedRequest } from './transport.js';

/** What the generated `…AxiosParamCreator` functions return (`RequestArgs` of either generated client). */
interface BuiltRequest {
  url: string;
  options: { method?: string; headers?: unknown; data?: unknown };
}

/** A generated builder's RequiredError (each generated client has its own class, so it is told by shape). */
const isRequiredError = (error: unknown): error is Error & { field: string } =>
  error instanceof Error && error.name === 'RequiredError' && typeof (error as { field?: unknown }).field === 'string';

export async function buildRequest(
  operation: OperationId,
  endpoint: string,
  build: () => Promise<BuiltRequest>,
  extraHeaders: Readonly<Record<string, string>>,
): Promise<PreparedRequest> {
  let args: BuiltRequest;
  try {
    args = await build();
  } catch (error) {
    // The generated builder refuses what cannot be a path segment; say which field, in our terms.
    if (isRequiredError(error)) {
      throw new CbrValidationError(`${operation} input is invalid: ${error.message}`, [
        { path: error.field, rule: 'required', message: error.message },
      ]);
    }
    throw error;
  }
  return {
    method: (args.options.method ?? 'GET').toUpperCase(),
    url: `${endpoint}${args.url}`,
    // The builder made these headers for this attempt alone: they can take ours in place.
    headers: Object.assign(args.options.headers as Record<string, string>, extraHeaders),
    body: typeof args.options.data === 'string' ? args.options.data : undefined,
  };
}
