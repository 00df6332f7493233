// The IAM token request carries the password, and IAM counts a wrong one even when its answer is lost (IAM
// locks a user after five). So the request is not idempotent: after a reset, a 5xx or a timeout it is never
// sent again in the same call; it is resent only where IAM provably did not see it (connection refused, 429).

import { setTimeout as sleep } from 'node:timers/promises';
import { IAM_TOKEN_RESPONSE_EXAMPLE } from '@cbr-sdk/checkpoint-api/iam';
import { describe, expect, it } from 'vitest';
import {
  CbrClient,
  type CbrClientOptions,
  CbrNetworkError,
  CbrServerError,
  CbrTimeoutError,
  type PasswordCredentials,
} from '../src/index.js';
import { REFUSING_URL, seedResponse } from './support/fixtures.js';
import { type Answer, json, type ScriptedServer, scriptedServers } from './support/scripted-server.js';
import { transports } from './support/transports.js';

const USER: PasswordCredentials = { domainName: 'acme-prod', userName: 'backup-bot', password: 'S3cret-pa55word!' };

const serverFor = scriptedServers();
const isTokenRequest = (request: { path: string }) => request.path.startsWith('/v3/auth/tokens');
const tokenRequests = (server: ScriptedServer) => server.received.filter(isTokenRequest).length;
const issued: Answer = json(201, IAM_TOKEN_RESPONSE_EXAMPLE, { 'x-subject-token': 'MIIsubject-token' });

/**
 * A server of the test's own (the tests mostly wait, and run concurrently) where IAM answers the token requests
 * in turn with `answers` (the last one repeated) and CBR answers 200.
 */
const iamAnswering = (...answers: Answer[]) => {
  let tokenRequestsSeen = 0;
  return serverFor((request) => {
    if (!isTokenRequest(request)) return json(200, seedResponse());
    tokenRequestsSeen += 1;
    return answers[Math.min(tokenRequestsSeen - 1, answers.length - 1)] as Answer;
  });
};

const client = (server: ScriptedServer, iamEndpoint: string, options: Partial<CbrClientOptions>) =>
  new CbrClient({
    region: 'cn-north-4',
    endpoint: server.url,
    iamEndpoint,
    credentials: USER,
    timeoutMs: 200,
    maxRetries: 2,
    retryBaseDelayMs: 1,
    ...options,
  });

describe.concurrent.each(transports)(
  'the password is sent at most once per call after an ambiguous failure (%s)',
  (_t, transportOptions) => {
    it.each([
      ['a reset connection', { drop: true } as Answer, CbrNetworkError],
      ['502 from a gateway', json(502, { error_code: 'APIGW.0201', error_msg: 'bad gateway' }), CbrServerError],
      ['503', json(503, { error_code: 'IAM.0006', error_msg: 'unavailable' }), CbrServerError],
      ['no answer within the timeout', { status: 201, body: '{}', delayMs: 400 } as Answer, CbrTimeoutError],
    ])('%s: one token request, the error to the caller', async (_what, answer, errorClass) => {
      const server = await iamAnswering(answer, issued);
      const cbr = client(server, server.url, transportOptions());
      const error = await cbr.checkpoints.get('cp').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(errorClass);
      expect(tokenRequests(server)).toBe(1);
      // The next call, once the shared request is over (the call's own wait for it ends on time), asks again
      // (once), and works.
      await sleep(250);
      await cbr.checkpoints.get('cp');
      expect(tokenRequests(server)).toBe(2);
    });

    it('429 (throttled before IAM looked at it): sent again, and the call works', async () => {
      const server = await iamAnswering(json(429, { error_code: 'IAM.0008', error_msg: 'too many requests' }), issued);
      const cbr = client(server, server.url, transportOptions());
      await cbr.checkpoints.get('cp');
      expect(tokenRequests(server)).toBe(2);
    });

    it('connection refused (nothing reached IAM): sent again, up to maxRetries', async () => {
      const server = await iamAnswering(issued);
      const attempts: string[] = [];
      const cbr = client(server, REFUSING_URL, {
        ...transportOptions(),
        hooks: { onRequest: (event) => attempts.push(event.operation) },
      });
      const error = await cbr.checkpoints.get('cp').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ECONNREFUSED', requestSent: false });
      expect(attempts).toEqual(Array(3).fill('keystoneCreateUserTokenByPassword'));
    });
  },
);
