// The error answers of the mock, in Huawei's shape: `{error_code, error_msg, request_id}`, as CBR and its
// API gateway send them. Codes come from the CBR error-code table (see /work/shared/reference/cbr-api.md).

/** The error codes the mock answers with. */
export const ERROR_CODES = {
  /** 400: no resource left to back up (CBR). */
  nothingToBackUp: 'BackupService.0001',
  /** Skipped resource: it is being backed up by another restore point (CBR). */
  beingBackedUp: 'BackupService.2002',
  /** Skipped resource: it is not a resource of the vault, or its type does not match (CBR). */
  resourceMismatch: 'BackupService.6102',
  /** Skipped resource: it belongs to another vault (CBR). */
  inAnotherVault: 'BackupService.6103',
  /** Skipped resource: listed twice in the request (CBR). */
  duplicateResource: 'BackupService.6104',
  /** 400: the vault does not exist (CBR). */
  vaultNotFound: 'BackupService.6105',
  /** 400: the vault's backups would use more than its capacity (CBR). */
  capacityExceeded: 'BackupService.6114',
  /** 404: no such backup, or no longer (a finished delete, an expired retention). Unconfirmed against the service. */
  backupNotFound: 'BackupService.6200',
  /** 400: the backup is being made or restored, so it cannot be deleted (CBR's DeleteBackup definition). */
  backupBusy: 'CSBS.2003',
  /** 400: a parameter breaks the spec (CBR). */
  invalidParameter: 'BackupService.9900',
  /** 404: no such restore point. Huawei's table has no code for it; this one is the mock's own. */
  checkpointNotFound: 'BackupService.6404',
  /** 401: bad or missing token or signature (API gateway). */
  unauthorized: 'APIGW.0301',
  /** 404/405: no API at this path and method (API gateway). */
  noSuchApi: 'APIGW.0101',
  /** 400: the body is not JSON, or is not declared as JSON (CBR's invalid-parameter code). */
  badBody: 'BackupService.9900',
  /** 413: request body over the limit (the mock's own). */
  bodyTooLarge: 'APIGW.0413',
  /** 400/408/431: not an HTTP request the server could parse, or too slow (the mock's own). */
  malformedRequest: 'APIGW.0400',
  /** 403: a CORS preflight from an origin, or for a method or header, that the `cors` option does not allow (the mock's own). */
  corsRefused: 'APIGW.0403',
  /** 400: a query parameter breaks the IAM spec (IAM). */
  iamInvalidParameter: 'IAM.0007',
  /** 400: the request body breaks the IAM spec (IAM). */
  iamInvalidBody: 'IAM.0011',
  /** 400: the TOTP passcode is wrong; the mock takes none (IAM). */
  iamInvalidPasscode: 'IAM.1061',
  /** 400: the project of the token's scope does not exist (IAM). */
  iamProjectNotFound: 'IAM.1109',
  /** 401: IAM requires a token (or an ID token) and none was sent (IAM). */
  iamAuthenticationRequired: 'IAM.0001',
  /** 404: no such identity provider (IAM's not-found code). */
  iamNotFound: 'IAM.0004',
  /** 401: the IAM token (or the ID token) has expired (IAM). */
  iamTokenExpired: 'IAM.0066',
  /** 401: the IAM token (or the ID token) is not valid: forged, revoked, another issuer's (IAM). */
  iamInvalidToken: 'IAM.0067',
  /** 500: the mock itself failed (the mock's own). */
  internal: 'BackupService.9999',
} as const;

/** Huawei's error body (the spec's `ErrorResponse`). */
export interface ErrorBody {
  /** The error code, e.g. `BackupService.6105` or `APIGW.0301` (see {@link ERROR_CODES}). */
  error_code: string;
  /** What went wrong, in words. */
  error_msg: string;
  /** The request's ID, as also sent in `X-Request-Id`. */
  request_id?: string;
}

/** An error answer on its way out: the status, the body, and any extra headers (e.g. `Allow`). */
export class HttpError extends Error {
  /**
   * @param status - The HTTP status to answer with.
   * @param code - The body's `error_code`.
   * @param message - The body's `error_msg`.
   * @param headers - Extra headers of the answer. Default: none.
   */
  constructor(
    /** The HTTP status to answer with, e.g. 400. */
    readonly status: number,
    /** The body's `error_code`, e.g. `BackupService.6105`. */
    readonly code: string,
    message: string,
    /** Extra headers of the answer, e.g. `Allow` (default: none). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }

  /** The body to send, carrying the request id as the gateway does. */
  body(requestId: string): ErrorBody {
    return { error_code: this.code, error_msg: this.message, request_id: requestId };
  }
}
