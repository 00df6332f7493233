// The default transport in Node: node:http with keep-alive, axios when an HTTP proxy is configured.
import * as http from 'node:http';
import * as https from 'node:https';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CbrClient, CbrTimeoutError } from '../src/index.js';
import { nodeHttpTransport } from '../src/transport/node-http-transport.js';
import { PROJECT_ID, seedParams, seedResponse, TOKEN } from './support/fixtures.js';
import { json, type ScriptedServer, startScriptedServer } from './support/scripted-server.js';

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(() => json(200, seedResponse()));
});
afterAll(() => server.close());

const client = () => new CbrClient({ endpoint: server.url, projectId: PROJECT_ID, credentials: { token: TOKEN } });

describe('the node:http transport', () => {
  it('sends a Content-Length and no compression request, and reuses its connection', async () => {
    server.reset(() => json(200, seedResponse()));
    const cbr = client();
    const body = JSON.stringify({ checkpoint: seedParams() });
    await cbr.checkpoints.create(seedParams());
    await cbr.checkpoints.get('cp');
    const [post, get] = server.received;
    expect(post?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(post?.headers['accept-encoding']).toBeUndefined();
    expect(post?.headers.connection).toBe('keep-alive');
    expect(get?.headers['content-length']).toBeUndefined();
    expect(server.connections()).toBe(1);
  });

  it('counts Content-Length in bytes for non-ASCII bodies', async () => {
    server.reset(() => json(200, seedResponse()));
    const params = { vault_id: 'v', parameters: { description: '备份 😀 ü' } };
    await client().checkpoints.create(params);
    expect(server.received[0]?.headers['content-length']).toBe(
      String(Buffer.byteLength(JSON.stringify({ checkpoint: params }))),
    );
    expect(server.received[0]?.body).toBe(JSON.stringify({ checkpoint: params }));
  });
});

describe('the node:http transport on its own', () => {
  // CBR's operations send a body only with POST; the transport must not depend on that (Node sets the
  // Content-Length from the body itself only for POST, PUT and PATCH).
  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'GET', 'OPTIONS'])(
    "sends a %s body whole, with its length in bytes, and leaves the caller's headers alone",
    async (method) => {
      server.reset(() => json(200, seedResponse()));
      const send = nodeHttpTransport(http, https);
      const headers = { 'Content-Type': 'application/json' };
      const body = JSON.stringify({ name: '备份 ü' });
      const answer = await send({ method, url: `${server.url}/v3/p/x`, headers, body }, { timeoutMs: 5_000 });
      expect(answer.status).toBe(200);
      expect(server.received[0]?.body).toBe(body);
      expect(server.received[0]?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
      expect(server.received[0]?.headers['transfer-encoding']).toBeUndefined();
      expect(headers).toEqual({ 'Content-Type': 'application/json' });
    },
  );
});

describe('IPv6 loopback', () => {
  it('reaches a server on [::1]', async () => {
    const { createServer } = await import('node:http');
    const v6 = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(seedResponse()));
    });
    await new Promise<void>((resolve) => v6.listen(0, '::1', resolve));
    try {
      const { port } = v6.address() as { port: number };
      const cbr = new CbrClient({
        endpoint: `http://[::1]:${port}`,
        projectId: PROJECT_ID,
        credentials: { token: TOKEN },
      });
      expect((await cbr.checkpoints.get('cp')).id).toBe(seedResponse().checkpoint.id);
    } finally {
      v6.closeAllConnections();
      await new Promise((resolve) => v6.close(resolve));
    }
  });
});

describe('with an HTTP proxy in the environment', () => {
  const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('goes through the proxy (axios honours HTTP_PROXY; the lean transport would not)', async () => {
    const proxy = await startScriptedServer(() => json(200, seedResponse()));
    try {
      process.env.HTTP_PROXY = proxy.url;
      delete process.env.NO_PROXY;
      server.reset(() => json(500, { error_code: 'x', error_msg: 'should have gone through the proxy' }));
      await client().checkpoints.get('cp');
      expect(server.received).toHaveLength(0);
      expect(proxy.received[0]?.path).toBe(`${server.url}/v3/${PROJECT_ID}/checkpoints/cp`);
    } finally {
      await proxy.close();
    }
  });

  it('times out a proxy that does not answer (the deadline covers the whole exchange)', async () => {
    const proxy = await startScriptedServer(() => ({ ...json(200, seedResponse()), delayMs: 5_000 }));
    try {
      process.env.HTTP_PROXY = proxy.url;
      delete process.env.NO_PROXY;
      const cbr = new CbrClient({
        endpoint: server.url,
        projectId: PROJECT_ID,
        credentials: { token: TOKEN },
        timeoutMs: 200,
        maxRetries: 0,
      });
      await expect(cbr.checkpoints.get('cp')).rejects.toThrow(CbrTimeoutError);
    } finally {
      await proxy.close();
    }
  });
});
