// The ergonomic client against Stoplight Prism, a third party's reading of the spec: as a mock, Prism
// accepts the seed's example as CbrClient sends it and answers per the spec; as a validating proxy in front
// of our mock server, it checks both our request and the mock's answer. A client and a mock that agreed
// with each other but not with the spec would fail here.
import { type MockServer, startMockServer } from '@cbr-sdk/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPrism, SPEC_PATH, startPrism } from '../../../test-support/prism.js';
import { CbrClient } from '../src/index.js';
import { PROJECT_ID, seedParams } from './support/fixtures.js';

let mock: MockServer;
let prismMock: RunningPrism;
let prismProxy: RunningPrism;

beforeAll(async () => {
  mock = await startMockServer({ port: 0, availableAfterMs: 100 });
  [prismMock, prismProxy] = await Promise.all([
    startPrism(['mock', SPEC_PATH]),
    startPrism(['proxy', SPEC_PATH, mock.url]),
  ]);
}, 90_000);

afterAll(async () => {
  await Promise.all([prismMock?.stop(), prismProxy?.stop()]);
  await mock?.close();
});

const clientAt = (endpoint: string) =>
  new CbrClient({ endpoint, projectId: PROJECT_ID, credentials: { token: 'prism-token' }, maxRetries: 0 });

describe('CbrClient through Prism', () => {
  it("sends the seed's example in a form Prism's mock accepts, and reads its answer", async () => {
    const cbr = clientAt(prismMock.url);
    const created = await cbr.checkpoints.create(seedParams());
    expect(typeof created.id).toBe('string');
    expect(typeof created.status).toBe('string');
    const same = await cbr.checkpoints.get(created.id);
    expect(typeof same.status).toBe('string');
  });

  it('creates and waits through the validating proxy in front of our mock server', async () => {
    const cbr = clientAt(prismProxy.url);
    const created = await cbr.checkpoints.create(seedParams());
    const done = await cbr.checkpoints.waitUntilAvailable(created.id, { intervalMs: 50 });
    expect(done.status).toBe('available');
    expect(mock.createdCount).toBe(1);
    // Every exchange went through Prism and reached the mock: none was refused as off-spec.
    expect(mock.requests.every((request) => request.status === 200)).toBe(true);
  });
});
