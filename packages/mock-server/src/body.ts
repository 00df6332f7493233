// Reading request bodies (bounded) and turning a createCheckpoint body into a checked VaultBackupReq.
import type { IncomingMessage } from 'node:http';
import { checkSchema, formatSchemaIssue, type VaultBackupReq } from '@cbr-sdk/checkpoint-api';
import { ERROR_CODES, HttpError } from './errors.js';
import type { Answer } from './faults.js';

/** 1 MiB, the default body limit. */
export const MIB = 1024 * 1024;

/** The body is over the limit. */
export class BodyTooLarge extends Error {}

/** Reads a request body up to `limit` bytes; beyond it, stops collecting and throws {@link BodyTooLarge}. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('aborted')));
  });
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;
/** Decodes UTF-8, throwing on invalid bytes (a body that is not UTF-8 is not JSON). */
export const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A JSON answer. */
export function json(status: number, value: unknown, headers: Readonly<Record<string, string>> = {}): Answer {
  return {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', ...headers },
    body: Buffer.from(JSON.stringify(value)),
  };
}

/** The JSON body of createCheckpoint, checked against the spec's VaultBackupReq. */
export function parseBackupRequest(req: IncomingMessage, body: Buffer): VaultBackupReq {
  const type = req.headers['content-type'];
  if (type === undefined || !JSON_TYPE.test(type)) {
    throw new HttpError(400, ERROR_CODES.badBody, 'Content-Type must be application/json');
  }
  let value: unknown;
  try {
    value = JSON.parse(strictUtf8.decode(body));
  } catch {
    throw new HttpError(400, ERROR_CODES.badBody, 'The request body is not valid JSON');
  }
  const issues = checkSchema('VaultBackupReq', value);
  if (issues.length > 0) {
    throw new HttpError(400, ERROR_CODES.invalidParameter, issues.map((issue) => formatSchemaIssue(issue)).join('; '));
  }
  return value as VaultBackupReq;
}
