// waitUntilAvailable: polls until available, reports each change, fails fast on a final failure, gives
// up at the deadline with the last status, and stops at once on abort.
import { describe, expect, it } from 'vitest';
import {
  CbrAbortError,
  CbrCheckpointFailedError,
  CbrClient,
  type CbrError,
  CbrNotFoundError,
  CbrWaitTimeoutError,
  type CheckpointCreate,
} from '../src/index.js';
import { pollPauses } from '../src/waiters/poll.js';
import { PROJECT_ID, seedResponse, TOKEN } from './support/fixtures.js';
import { type Answer, json, type ScriptedServer, scriptedServers } from './support/scripted-server.js';

// The waits (deadlines, pauses) are most of these tests: each has a server of its own, and they run concurrently.
const serverFor = scriptedServers();

const withStatus = (status: string, protect = 'available') => {
  const response = seedResponse({ status });
  const [resource] = (response.checkpoint.vault as { resources: { protect_status: string }[] }).resources;
  if (resource) resource.protect_status = protect;
  return json(200, response);
};
const statuses =
  (...answers: Answer[]) =>
  (_: unknown, index: number) =>
    answers[Math.min(index, answers.length - 1)] as Answer;
const cbr = (server: ScriptedServer) =>
  new CbrClient({ endpoint: server.url, projectId: PROJECT_ID, credentials: { token: TOKEN }, retryBaseDelayMs: 1 });
const fast = { intervalMs: 5, maxIntervalMs: 20 };
const outcome = (promise: Promise<CheckpointCreate>) =>
  promise.then(
    (value) => ({ value, error: undefined }),
    (error: CbrError) => ({ value: undefined, error }),
  );

describe.concurrent('waitUntilAvailable', () => {
  it('polls until available and reports each status change once', async () => {
    const server = await serverFor(
      statuses(withStatus('protecting'), withStatus('protecting'), withStatus('protecting'), withStatus('available')),
    );
    const seen: [string, string | undefined][] = [];
    const done = await cbr(server).checkpoints.waitUntilAvailable('cp-1', {
      ...fast,
      onStatus: (cp, previous) => seen.push([cp.status, previous]),
    });
    expect(done.status).toBe('available');
    expect(server.received).toHaveLength(4);
    expect(server.received.every((r) => r.method === 'GET' && r.path.endsWith('/checkpoints/cp-1'))).toBe(true);
    expect(seen).toEqual([
      ['protecting', undefined],
      ['available', 'protecting'],
    ]);
  });

  it('keeps polling through a status the spec does not know', async () => {
    const server = await serverFor(statuses(withStatus('verifying'), withStatus('available')));
    expect((await cbr(server).checkpoints.waitUntilAvailable('cp', fast)).status).toBe('available');
  });

  it('with waitForResources, also waits for every resource to be available', async () => {
    const server = await serverFor(
      statuses(
        withStatus('available', 'protecting'),
        withStatus('available', 'protecting'),
        withStatus('available', 'available'),
      ),
    );
    const seen: string[] = [];
    const done = await cbr(server).checkpoints.waitUntilAvailable('cp', {
      ...fast,
      waitForResources: true,
      onStatus: (cp) => seen.push(`${cp.status}/${cp.vault?.resources?.[0]?.protect_status}`),
    });
    expect(done.vault?.resources?.[0]?.protect_status).toBe('available');
    expect(server.received).toHaveLength(3);
    expect(seen).toEqual(['available/protecting', 'available/available']);
  });

  it.each([['error'], ['deleted'], ['error-deleting']])(
    'fails at once when the restore point becomes %s',
    async (status) => {
      const server = await serverFor(statuses(withStatus('protecting'), withStatus(status), withStatus('available')));
      const { error } = await outcome(cbr(server).checkpoints.waitUntilAvailable('cp', fast));
      expect(error).toBeInstanceOf(CbrCheckpointFailedError);
      expect(error).toMatchObject({ status, checkpointId: seedResponse().checkpoint.id });
      expect(error?.message).toContain(`"${status}"`);
      expect(server.received).toHaveLength(2);
    },
  );

  it('fails when a resource backup fails, with waitForResources', async () => {
    const server = await serverFor(statuses(withStatus('protecting', 'protecting'), withStatus('protecting', 'error')));
    const { error } = await outcome(
      cbr(server).checkpoints.waitUntilAvailable('cp', { ...fast, waitForResources: true }),
    );
    expect(error).toBeInstanceOf(CbrCheckpointFailedError);
    expect(error?.message).toContain('protect_status "error"');
  });

  it('gives up at the deadline with the last status seen', async () => {
    const server = await serverFor(() => withStatus('protecting'));
    const { error } = await outcome(cbr(server).checkpoints.waitUntilAvailable('cp', { ...fast, timeoutMs: 120 }));
    expect(error).toBeInstanceOf(CbrWaitTimeoutError);
    expect(error).toMatchObject({ lastStatus: 'protecting', checkpointId: 'cp' });
    expect(error?.message).toMatch(/not available within 120 ms \(last status: protecting\)/);
  });

  it('a poll cut short by the deadline is the waiter’s timeout', async () => {
    const server = await serverFor(statuses(withStatus('protecting'), { ...withStatus('protecting'), delayMs: 1_000 }));
    const { error } = await outcome(cbr(server).checkpoints.waitUntilAvailable('cp', { ...fast, timeoutMs: 150 }));
    expect(error).toBeInstanceOf(CbrWaitTimeoutError);
    expect(error).toMatchObject({ lastStatus: 'protecting' });
  });

  // One deadline bounds every poll, every retry inside a poll and every pause (issue 19: a hung service made
  // timeoutMs 1000 reject after 3.2–3.9 s, each poll keeping its own retries with the whole time left).
  it.each([
    ['a service that never answers', () => ({ ...withStatus('protecting'), delayMs: 10_000 })],
    [
      '503s asking to come back in 5 s',
      () => json(503, { error_code: 'X', error_msg: 'busy' }, { 'retry-after': '5' }),
    ],
  ])('%s: rejected within a small margin of the deadline', async (_what, answer) => {
    const server = await serverFor(answer);
    const started = performance.now();
    const { error } = await outcome(cbr(server).checkpoints.waitUntilAvailable('cp', { ...fast, timeoutMs: 1_000 }));
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(CbrWaitTimeoutError);
    expect(elapsed).toBeGreaterThanOrEqual(990);
    expect(elapsed).toBeLessThan(1_400);
  });

  it('stops at once when its signal fires', async () => {
    const server = await serverFor(() => withStatus('protecting'));
    const controller = new AbortController();
    const { error } = await outcome(
      cbr(server).checkpoints.waitUntilAvailable('cp', {
        intervalMs: 10_000,
        onStatus: () => setTimeout(() => controller.abort(), 10),
        signal: controller.signal,
      }),
    );
    expect(error).toBeInstanceOf(CbrAbortError);
    expect(error?.message).toMatch(/^waiting for restore point cp was aborted/);
    expect(server.received).toHaveLength(1);
  });

  it('passes an error answer through (a restore point that does not exist)', async () => {
    const server = await serverFor(() =>
      json(404, { error_code: 'BackupService.6400', error_msg: 'Checkpoint not found' }),
    );
    const { error } = await outcome(cbr(server).checkpoints.waitUntilAvailable('nope', fast));
    expect(error).toBeInstanceOf(CbrNotFoundError);
  });
});

describe('the pauses between polls', () => {
  it.each([
    ['the defaults', {}, { firstMs: 2_000, maxMs: 30_000 }],
    ['both given', { intervalMs: 5, maxIntervalMs: 20 }, { firstMs: 5, maxMs: 20 }],
    [
      'a first pause longer than 30 s, no longest: the longest is the first',
      { intervalMs: 60_000 },
      { firstMs: 60_000, maxMs: 60_000 },
    ],
    ['a first pause shorter than 30 s, no longest', { intervalMs: 500 }, { firstMs: 500, maxMs: 30_000 }],
    [
      'a longest shorter than the first: the first is cut to it',
      { intervalMs: 100, maxIntervalMs: 50 },
      { firstMs: 50, maxMs: 50 },
    ],
  ])('%s', (_what, timing, pauses) => {
    expect(pollPauses(timing)).toEqual(pauses);
  });
});
