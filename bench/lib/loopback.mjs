// The loopback server's answers: the seed page's example response to every POST
// /v3/{project_id}/checkpoints, always the same bytes, whatever the credentials (it measures the clients, not
// the server), and IAM's example token to POST /v3/auth/tokens (for the password client), not counted as a
// request. Keep-alive is on. It counts requests and connections so the bench can check that every client
// really sent its requests over kept-alive sockets. Run in its own process by loopback-server.mjs; started
// inside a worker's process by bench/core-harness.mjs, to show what sharing a process does to the figures.
import { createServer } from 'node:http';
import { CREATE_CHECKPOINT_RESPONSE_EXAMPLE } from '@cbr-sdk/checkpoint-api';
import { IAM_TOKEN_RESPONSE_EXAMPLE, SUBJECT_TOKEN_HEADER } from '@cbr-sdk/checkpoint-api/iam';
import { fixture } from './fixture.mjs';

const body = Buffer.from(JSON.stringify(CREATE_CHECKPOINT_RESPONSE_EXAMPLE));
const okHeaders = {
  'Content-Type': 'application/json;charset=UTF-8',
  'Content-Length': String(body.length),
  'X-Request-Id': '5d3c1a8e0c8b4e0a9a1f2b3c4d5e6f70',
};
const notFound = Buffer.from(
  '{"error_code":"APIGW.0101","error_msg":"The API does not exist or has not been published"}',
);
const route = /^\/v3\/[^/]+\/checkpoints$/;
const tokenBody = Buffer.from(JSON.stringify(IAM_TOKEN_RESPONSE_EXAMPLE));
const tokenHeaders = {
  'Content-Type': 'application/json;charset=UTF-8',
  'Content-Length': String(tokenBody.length),
  // The token the other token clients send, so that the rows differ by the SDK's work alone.
  [SUBJECT_TOKEN_HEADER]: fixture('').token,
};

/** A loopback server, not yet listening, and its counts of requests and connections. */
export function createLoopbackServer() {
  const counts = { requests: 0, connections: 0 };
  const server = createServer((request, response) => {
    const matches = request.method === 'POST' && route.test(request.url ?? '');
    // Read the body to its end before answering, as a real service does.
    request.on('data', () => {});
    request.on('end', () => {
      if (matches) {
        counts.requests++;
        response.writeHead(200, okHeaders).end(body);
      } else if (request.method === 'POST' && request.url?.startsWith('/v3/auth/tokens')) {
        response.writeHead(201, tokenHeaders).end(tokenBody);
      } else {
        response
          .writeHead(404, { 'Content-Type': 'application/json', 'Content-Length': String(notFound.length) })
          .end(notFound);
      }
    });
  });
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 125_000;
  server.requestTimeout = 0;
  server.on('connection', () => {
    counts.connections++;
  });
  return { server, counts };
}
