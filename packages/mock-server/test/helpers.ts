// Shared by the tests: the seed's example, a fetch wrapper that returns status, headers and parsed body, and
// a clock tests move by hand (so the lifecycle needs no real waiting).
import { CREATE_CHECKPOINT_REQUEST_EXAMPLE, checkSchema } from '@cbr-sdk/checkpoint-api';
import { expect } from 'vitest';
import type { MockServer } from '../src/index.js';

export const PROJECT_ID = '4229d7a45436489f8c3dc2b1d35d4987';
export const TOKEN = 'a-token-that-must-never-leak';
export const VAULT_ID = CREATE_CHECKPOINT_REQUEST_EXAMPLE.checkpoint.vault_id;
export const SERVER_ID = CREATE_CHECKPOINT_REQUEST_EXAMPLE.checkpoint.parameters.resources[0];
export const CHECKPOINTS_PATH = `/v3/${PROJECT_ID}/checkpoints`;

/** A deep, mutable copy of the seed's example request. */
export const exampleRequest = () =>
  structuredClone(CREATE_CHECKPOINT_REQUEST_EXAMPLE) as unknown as {
    checkpoint: { vault_id?: string; parameters: Record<string, unknown> };
  };

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers by known paths.
  json: any;
}

/** Sends a request; `body` as an object is sent as JSON with a JSON content type. */
export async function call(
  server: MockServer,
  method: string,
  path: string,
  { body, headers = { 'X-Auth-Token': TOKEN } }: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const isRaw = typeof body === 'string' || body instanceof Uint8Array;
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: body !== undefined && !isRaw ? { 'Content-Type': 'application/json', ...headers } : headers,
    body: body === undefined ? undefined : isRaw ? (body as string | Uint8Array<ArrayBuffer>) : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Creates a restore point with the seed's example request (or another body). */
export const create = (server: MockServer, body: unknown = exampleRequest()) =>
  call(server, 'POST', CHECKPOINTS_PATH, { body });

export const show = (server: MockServer, id: string, projectId = PROJECT_ID) =>
  call(server, 'GET', `/v3/${projectId}/checkpoints/${id}`);

/** A 200 whose body is a `CheckpointCreateResp` of the spec. */
export function expectCheckpoint(reply: Reply) {
  expect(reply.status, reply.text).toBe(200);
  expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
  expect(checkSchema('CheckpointCreateResp', reply.json)).toEqual([]);
  return reply.json.checkpoint;
}

/** An error answer in Huawei's shape, carrying the request id of its X-Request-Id header. */
export function expectError(reply: Reply, status: number, code: string) {
  expect(reply.status, reply.text).toBe(status);
  expect(checkSchema('ErrorResponse', reply.json)).toEqual([]);
  expect(reply.json.error_code).toBe(code);
  expect(reply.json.request_id).toBe(reply.headers.get('x-request-id'));
  return reply.json.error_msg as string;
}

/** A clock the test moves by hand. */
export function manualClock(start = new Date('2026-01-02T03:04:05.678Z')) {
  let time = start.getTime();
  return {
    now: () => new Date(time),
    advance: (ms: number) => {
      time += ms;
    },
  };
}
