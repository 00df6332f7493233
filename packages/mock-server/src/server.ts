// The mock server: node:http, one request at a time through the same steps: read the body (bounded), record
// it (redacted), apply a scripted fault, route, authenticate, validate against the spec, act on the store.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkSchema, type SchemaName } from '@cbr-sdk/checkpoint-api';
import { type AuthOptions, authenticate } from './auth.js';
import type { BackupQuery } from './backups.js';
import { BodyTooLarge, json, MIB, parseBackupRequest, readBody } from './body.js';
import { conformingAnswer } from './conforming.js';
import { type CorsOption, corsPolicy } from './cors.js';
import { ERROR_CODES, HttpError } from './errors.js';
import { type Answer, FaultQueue, faultAnswer } from './faults.js';
import { type MintIdTokenOptions, MockFederation } from './federation.js';
import { type IamOptions, MockIam } from './iam.js';
import { type MetadataOptions, MockMetadata } from './metadata.js';
import { MockPodIdentity, type PodIdentityOptions } from './pod-identity.js';
import { readQuery } from './query.js';
import {
  DEFAULT_MAX_RECORDED_BYTES,
  type RecordedRequest,
  RequestLog,
  recordRequest,
  withoutSecrets,
} from './recorder.js';
import { checkPathParameters, type MockOperationId, matchRoute, operationOf } from './routes.js';
import {
  CheckpointStore,
  DEFAULT_MAX_CHECKPOINTS,
  DEFAULT_VAULTS,
  type MockVault,
  type StoreTimings,
} from './store.js';
import { TemporaryKeys } from './temporary-keys.js';

/** Options of {@link startMockServer}. */
export interface MockServerOptions extends AuthOptions, IamOptions, StoreTimings {
  /**
   * Serve the metadata service of an ECS server (PUT /meta-data/latest/api/token, GET
   * /openstack/latest/securitykey); default: not served (404).
   */
  metadata?: MetadataOptions;
  /**
   * The identity providers whose ID tokens the mock's IAM exchanges for tokens (mint them with
   * `server.mintIdToken`); default none.
   */
  identityProviders?: readonly string[];
  /** Serve CCE pod identity (POST /v1/credentials) for this authorization token; default: not served (404). */
  podIdentity?: PodIdentityOptions;
  /**
   * Lifetime of the temporary keys the mock's IAM issues (OS-CREDENTIAL/securitytokens), in milliseconds, in
   * place of the `duration_seconds` asked (so a test can see one expire in less than IAM's 15-minute minimum);
   * default: the `duration_seconds` asked (900 s when left out).
   */
  temporaryKeyTtlMs?: number;
  /** Port to listen on; default 0 (any free port, see `url`). */
  port?: number;
  /** Address to listen on; default `127.0.0.1` (loopback only). */
  host?: string;
  /**
   * The vaults and their resources; default {@link DEFAULT_VAULTS} (the seed page's vault, its capacity
   * unbounded). A vault's `size` (GB) bounds what its backups use: a create that does not fit is refused.
   */
  vaults?: readonly MockVault[];
  /** How long a new restore point stays `protecting` before it is `available`; default 1000 ms (0 allowed). */
  availableAfterMs?: number;
  /** The clock (restore point status, created_at, X-Sdk-Date skew); default the system clock. */
  now?: () => Date;
  /** Largest request body accepted, in bytes; default 1 MiB. Larger bodies get 413 and are not read further. */
  maxBodyBytes?: number;
  /** Called with one line per answered request (`POST /v3/…/checkpoints 200`), credentials never included. */
  log?: (line: string) => void;
  /** How many requests `requests` keeps (the oldest are dropped), so a long-running mock stays small; default 10 000. */
  maxRecordedRequests?: number;
  /**
   * How many bytes all of `requests` may hold together, estimated (each record's kept body, at most 4 KiB,
   * its header text and a fixed overhead); the oldest are dropped first. Default
   * {@link DEFAULT_MAX_RECORDED_BYTES} (32 MiB), `Infinity` for no bound besides `maxRecordedRequests`.
   */
  maxRecordedBytes?: number;
  /**
   * Cross-origin access for browser clients: `true` allows any origin, a list allows those origins
   * (`['http://localhost:5173']`); default `false` (no CORS headers, preflights get 404/405 like any OPTIONS).
   */
  cors?: CorsOption;
  /**
   * How many restore points are kept; default {@link DEFAULT_MAX_CHECKPOINTS} (100 000), `Infinity` for no
   * bound. When full, a create first forgets the oldest restore point that is no longer `protecting` (the
   * oldest still protecting only when none is done); a `show` of a forgotten one is 404, as for any unknown id.
   */
  maxCheckpoints?: number;
}

/** A running mock server. */
export interface MockServer {
  /** `http://127.0.0.1:<port>`: the base path for a client. */
  readonly url: string;
  /** The port it listens on. */
  readonly port: number;
  /**
   * The requests received, in order, credentials redacted, each body cut at 4 KiB: the last
   * `maxRecordedRequests` (up to an eighth more between two trims), fewer when they pass `maxRecordedBytes`.
   */
  readonly requests: RecordedRequest[];
  /** The scripted faults: `faults.push({ route: 'createCheckpoint', kind: 'reset', phase: 'after' })`. */
  readonly faults: FaultQueue;
  /** The vaults and restore points. */
  readonly store: CheckpointStore;
  /** IAM's side: users, projects, the tokens issued (`iam.issuedCount`), `iam.revokeTokens()`. */
  readonly iam: MockIam;
  /** The metadata service (`agency`, `sessionToken`, `credentialTtlMs` editable; `revokeSessionTokens()`). */
  readonly metadata: MockMetadata;
  /** OIDC federation at IAM: `identityProviders` (editable), `temporaryKeyTtlMs`, `mintIdToken()`. */
  readonly federation: MockFederation;
  /** Pod identity: `authorizationToken` (change it to rotate), `credentialTtlMs`. */
  readonly podIdentity: MockPodIdentity;
  /** The temporary keys issued by every route: `issuedCount`, `revoke()`. */
  readonly temporaryKeys: TemporaryKeys;
  /**
   * An RS256 ID token of the identity provider `idpId` (one of `identityProviders`) that the mock's IAM
   * accepts until it expires (default 1 hour, on the mock's clock); throws a TypeError for another id.
   */
  mintIdToken(idpId: string, options?: MintIdTokenOptions): string;
  /** Every temporary key issued so far is refused from now on (401 APIGW.0301), as after a revoked agency. */
  revokeTemporaryKeys(): void;
  /**
   * How many requests to `operation` were answered 2xx since the start (or the last reset): "20 concurrent
   * calls, one fetch" is `fetchCount('showMetadataSecurityKey') === 1`.
   */
  fetchCount(operation: MockOperationId): number;
  /** How many restore points were actually created (to prove that no retry created one twice). */
  readonly createdCount: number;
  /**
   * Forgets requests, faults, restore points, IAM's wrong-password counts and the counts of issued keys and
   * fetches (vaults, users, projects and every credential issued stay as they are).
   */
  reset(): void;
  /** Stops listening, drops open connections and pending delays. */
  close(): Promise<void>;
}

/** A path segment decoded, or as it is when it is not valid percent-encoding (that is refused later). */
function decodedOr(segment = ''): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Whether a Host header makes a URL of `host[:port]` alone. Absent is fine: an HTTP/1.0 client may send none,
 * and the listening address stands in for it.
 */
function isValidHost(value: string | undefined): boolean {
  if (value === undefined) return true;
  return value !== '' && !/[\s/?#@\\]/.test(value) && URL.canParse(`http://${value}/`);
}

/** Starts a mock of the CBR restore point API. Resolves once it listens. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const now = options.now ?? (() => new Date());
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? MIB;
  const log = new RequestLog(
    options.maxRecordedRequests ?? 10_000,
    options.maxRecordedBytes ?? DEFAULT_MAX_RECORDED_BYTES,
  );
  const cors = corsPolicy(options.cors);
  const store = new CheckpointStore(
    options.vaults ?? DEFAULT_VAULTS,
    options.availableAfterMs ?? 1000,
    now,
    options.maxCheckpoints ?? DEFAULT_MAX_CHECKPOINTS,
    { deletedAfterMs: options.deletedAfterMs, retentionDayMs: options.retentionDayMs },
  );
  const iam = new MockIam(options, now);
  const temporaryKeys = new TemporaryKeys(now);
  const metadata = new MockMetadata(options.metadata, now, temporaryKeys);
  const federation = new MockFederation(options, iam, temporaryKeys, now);
  const podIdentity = new MockPodIdentity(options.podIdentity, temporaryKeys);
  const fetches = new Map<MockOperationId, number>();
  const faults = new FaultQueue();
  const requests = log.records;
  // Aborted by close(): ends the delays of pending faults, so no timer outlives the server.
  const lifetime = new AbortController();

  /** The normal answer to a request: an operation of the spec, or an error. */
  async function serveOperation(req: IncomingMessage, pathname: string, body: Buffer): Promise<Answer> {
    const method = req.method ?? '';
    const match = matchRoute(method, pathname);
    const url = `http://${req.headers.host ?? host}${req.url ?? '/'}`;
    // The routes that hand out credentials take theirs in their own way (a password, an ID token, an IAM
    // token in the body, a session token, pod identity's token), not the gateway's.
    switch (match.operationId) {
      case 'keystoneCreateUserTokenByPassword':
        return iam.createToken(body, new URL(url).searchParams);
      case 'createTokenWithIdToken':
        return federation.createTokenWithIdToken(req.headers, body);
      case 'keystoneCreateUnscopedTokenWithIdToken':
        return federation.keystoneCreateUnscopedTokenWithIdToken(
          req.headers,
          decodedOr(match.rawParams.idp_id),
          decodedOr(match.rawParams.protocol_id),
        );
      case 'createTemporaryAccessKeyByToken':
        return federation.createTemporaryAccessKeyByToken(req.headers, body);
      case 'createMetadataSessionToken':
        return metadata.createSessionToken(req.headers);
      case 'showMetadataSecurityKey':
        return metadata.showSecurityKey(req.headers);
      case 'createPodIdentityCredentials':
        return podIdentity.createCredentials(req.headers, body);
    }
    const projectInPath = match.rawParams.project_id;
    await authenticate(
      { method, url, headers: req.headers, body },
      projectInPath === undefined ? undefined : decodedOr(projectInPath),
      options,
      now(),
      iam,
      temporaryKeys,
    );
    if (match.operationId === 'keystoneListProjects') {
      return iam.listProjects(new URL(url).searchParams, url);
    }
    const params = checkPathParameters(match);
    const projectId = params.project_id ?? '';

    switch (match.operationId) {
      case 'createCheckpoint': {
        const request = parseBackupRequest(req, body);
        const checkpoint = store.view(store.create(projectId, request.checkpoint), { justCreated: true });
        return conforming('CheckpointCreateResp', { checkpoint });
      }
      case 'showCheckpoint': {
        const found = store.find(projectId, params.checkpoint_id ?? '');
        if (!found) throw new HttpError(404, ERROR_CODES.checkpointNotFound, 'Checkpoint Not Found');
        return conforming('CheckpointCreateResp', { checkpoint: store.view(found) });
      }
      case 'listBackups': {
        const query = readQuery('listBackups', new URL(url).searchParams) as BackupQuery;
        return conforming('BackupListResp', store.listBackups(projectId, query));
      }
      case 'showBackup': {
        const found = store.findBackup(projectId, params.backup_id ?? '');
        if (!found) throw new HttpError(404, ERROR_CODES.backupNotFound, 'Backup Not Found');
        return conforming('BackupGetResp', { backup: store.backupView(found) });
      }
      case 'deleteBackup':
        store.deleteBackup(projectId, params.backup_id ?? '');
        return { status: 204, headers: {}, body: Buffer.alloc(0) };
      default:
        throw new HttpError(404, ERROR_CODES.noSuchApi, 'The API does not exist');
    }
  }

  /** A 200 with `response`, which must conform to the spec's schema `name`. */
  function conforming(name: SchemaName, response: unknown): Answer {
    return conformingAnswer(checkSchema(name, response), response);
  }

  async function answerOf(req: IncomingMessage, pathname: string, body: Buffer, requestId: string): Promise<Answer> {
    try {
      return await serveOperation(req, pathname, body);
    } catch (error) {
      if (error instanceof HttpError) return json(error.status, error.body(requestId), error.headers);
      return json(500, new HttpError(500, ERROR_CODES.internal, 'Internal error').body(requestId));
    }
  }

  function send(res: ServerResponse, record: RecordedRequest, answer: Answer): void {
    record.status = answer.status;
    if (record.operation !== undefined && answer.status >= 200 && answer.status < 300) {
      fetches.set(record.operation, (fetches.get(record.operation) ?? 0) + 1);
    }
    res.writeHead(answer.status, {
      ...cors?.headers(record.headers.origin),
      ...answer.headers,
      'x-request-id': record.requestId,
      'content-length': String(answer.body.length),
    });
    res.end(answer.body);
    options.log?.(
      `${record.method} ${record.path} ${answer.status}${record.fault ? ` (fault: ${record.fault.kind})` : ''}`,
    );
  }

  function reset(socket: Socket, record: RecordedRequest): void {
    socket.destroy();
    options.log?.(`${record.method} ${record.path} reset (fault)`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID().replaceAll('-', '');
    const receivedAt = now();
    const method = req.method ?? '';
    const path = req.url ?? '/';
    let body: Buffer;
    let tooLarge = false;
    try {
      body = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) return; // the client went away
      body = Buffer.alloc(0);
      tooLarge = true;
    }
    // The path as sent, query cut off and nothing normalised (`//x/…` must not turn into a host).
    const pathname = path.split('?', 1)[0] ?? '';
    const operation = operationOf(method, pathname);
    const record = recordRequest({
      requestId,
      method,
      path,
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      // The password goes before the body is cut: a cut body may no longer parse as JSON.
      body: withoutSecrets(operation, body),
      bodySize: body.length,
      tooLarge,
      receivedAt,
    });
    log.add(record);
    if (tooLarge) {
      // `Connection: close`: the connection ends after this answer, and the rest of the body is never read.
      const error = new HttpError(413, ERROR_CODES.bodyTooLarge, `Request body larger than ${maxBodyBytes} bytes`);
      send(res, record, json(413, error.body(requestId), { connection: 'close' }));
      return;
    }

    // The gateway refuses a Host that makes no URL before any route sees it (each route builds its URL).
    if (!isValidHost(req.headers.host)) {
      const error = new HttpError(
        400,
        ERROR_CODES.malformedRequest,
        'Malformed HTTP request: the Host header is not a host name or address with an optional port',
      );
      return send(res, record, json(400, error.body(requestId)));
    }

    // A browser's preflight is answered by the "gateway" itself: no route, no fault, no auth.
    const preflight = cors?.preflight(method, req.headers, requestId);
    if (preflight) return send(res, record, preflight);

    record.operation = operation;
    const fault = faults.take(record.operation, record);
    record.fault = fault;
    const phase = fault?.phase ?? 'before';

    if (fault && phase === 'before') {
      if (fault.delayMs) await sleep(fault.delayMs, undefined, { signal: lifetime.signal });
      const replaced = faultAnswer(fault, undefined);
      if (replaced === 'reset') return reset(req.socket, record);
      if (replaced !== 'pass') return send(res, record, replaced);
    }
    const answer = await answerOf(req, pathname, body, requestId);
    if (fault && phase === 'after') {
      if (fault.delayMs) await sleep(fault.delayMs, undefined, { signal: lifetime.signal });
      const replaced = faultAnswer(fault, answer);
      if (replaced === 'reset') return reset(req.socket, record);
      if (replaced !== 'pass') return send(res, record, replaced);
    }
    send(res, record, answer);
  }

  // The requests of a connection still being answered (pipelined ones queue), and what to do once they are:
  // a parse error after complete requests is answered only after theirs, so that no answer is lost.
  const owed = new WeakMap<Socket, { pending: Set<IncomingMessage>; whenAnswered?: (() => void) | undefined }>();
  function owe(req: IncomingMessage, res: ServerResponse): void {
    const connection = owed.get(req.socket) ?? { pending: new Set<IncomingMessage>() };
    owed.set(req.socket, connection);
    connection.pending.add(req);
    const settle = () => {
      if (!connection.pending.delete(req)) return;
      if (connection.pending.size === 0 && connection.whenAnswered) {
        const next = connection.whenAnswered;
        connection.whenAnswered = undefined;
        next();
      }
    };
    // 'finish': the answer is handed to the socket; 'close': the connection went first.
    res.once('finish', settle);
    res.once('close', settle);
  }

  const server = createServer(
    {
      // Bounds for slow or stuck clients: the whole head in 10 s, the whole request in 30 s.
      headersTimeout: 10_000,
      requestTimeout: 30_000,
      // An idle keep-alive connection stays open a minute (as cloud load balancers keep it), not Node's 5 s: a
      // client that reuses one as the server closes it gets a reset, and a create is (rightly) not resent after
      // that, so on a loaded machine tests failed at random. The `Keep-Alive: timeout=60` hint tells clients.
      keepAliveTimeout: 60_000,
      connectionsCheckingInterval: 1_000,
      // Huawei documents X-Auth-Token values of up to 100 000 characters: the gateway takes such a head.
      maxHeaderSize: 128 * 1024,
    },
    (req, res) => {
      owe(req, res);
      handle(req, res).catch(() => {
        // Only a closing server (an aborted delay) or a vanished client gets here: nothing left to answer.
        req.socket.destroy();
      });
    },
  );
  server.maxHeadersCount = 200;

  // Garbage on the socket: answer 400 (or 408/431) when the socket can still take it, else just close it.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const pending = owed.get(socket);
    // Complete requests before the bad bytes are still being answered: their answers go first. (A request
    // whose own body is cut short is the bad one: it is answered now.)
    if (pending && pending.pending.size > 0 && [...pending.pending].every((req) => req.complete)) {
      pending.whenAnswered = () => answerClientError(error, socket);
      return;
    }
    answerClientError(error, socket);
  });

  /** The 400 (or 408/431) for bytes that are not an HTTP request, written raw, then the connection closes. */
  function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const [status, text] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout']
          : [400, 'Bad Request'];
    const requestId = randomUUID().replaceAll('-', '');
    const body = JSON.stringify(
      new HttpError(status, ERROR_CODES.malformedRequest, `Malformed HTTP request: ${text}`).body(requestId),
    );
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    requests,
    faults,
    store,
    iam,
    metadata,
    federation,
    podIdentity,
    temporaryKeys,
    mintIdToken: (idpId, mintOptions) => federation.mintIdToken(idpId, mintOptions),
    revokeTemporaryKeys: () => temporaryKeys.revoke(),
    fetchCount: (operation) => fetches.get(operation) ?? 0,
    get createdCount() {
      return store.createdCount;
    },
    reset() {
      log.clear();
      faults.clear();
      store.reset();
      iam.reset();
      temporaryKeys.reset();
      fetches.clear();
    },
    close() {
      lifetime.abort();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
