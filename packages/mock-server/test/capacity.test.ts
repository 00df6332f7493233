// The mock at scale: a bounded store (maxCheckpoints) that forgets the oldest restore point that is done
// first, an index by resource for "is it being backed up" that stays right through create, finish, pin,
// forget and reset, and a request path whose work does not grow with the restore points stored.
import type { VaultBackup } from '@cbr-sdk/checkpoint-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointStore, DEFAULT_MAX_CHECKPOINTS, HttpError, type MockVault, startMockServer } from '../src/index.js';
import { create, expectCheckpoint, expectError, manualClock, show } from './helpers.js';

const RESOURCES = Array.from({ length: 8 }, (_, i) => ({
  id: `00000000-0000-4000-8000-00000000000${i}`,
  name: `ecs-${i}`,
  type: 'OS::Nova::Server',
}));
const VAULT: MockVault = { id: 'vault-1', name: 'vault', resources: RESOURCES };
const AVAILABLE_AFTER_MS = 1000;

function newStore(maxCheckpoints?: number) {
  const clock = manualClock();
  let nowCalls = 0;
  const now = () => {
    nowCalls += 1;
    return clock.now();
  };
  const store = new CheckpointStore([VAULT], AVAILABLE_AFTER_MS, now, maxCheckpoints);
  return { store, clock, nowCalls: () => nowCalls };
}

const backup = (...indexes: number[]): VaultBackup => ({
  vault_id: VAULT.id,
  parameters: { resources: indexes.map((i) => RESOURCES[i]?.id as string) },
});

/** Creates a restore point of these resources and returns its id. */
const createOf = (store: CheckpointStore, ...indexes: number[]) => store.create('p', backup(...indexes)).id;

/** The resources of a create that were skipped as being backed up (BackupService.2002). */
function busy(store: CheckpointStore, ...indexes: number[]): string[] {
  try {
    const checkpoint = store.create('p', backup(...indexes));
    return checkpoint.skipped.filter((s) => s.code === 'BackupService.2002').map((s) => s.id as string);
  } catch (error) {
    if (!(error instanceof HttpError && error.code === 'BackupService.0001')) throw error;
    return indexes.map((i) => RESOURCES[i]?.id as string); // every one was skipped
  }
}

describe('maxCheckpoints', () => {
  it('defaults to 100 000, and refuses what is not a positive integer (or Infinity)', () => {
    expect(newStore().store.maxCheckpoints).toBe(DEFAULT_MAX_CHECKPOINTS);
    expect(DEFAULT_MAX_CHECKPOINTS).toBe(100_000);
    expect(newStore(Number.POSITIVE_INFINITY).store.maxCheckpoints).toBe(Number.POSITIVE_INFINITY);
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => newStore(bad)).toThrow(/maxCheckpoints must be a positive integer or Infinity/);
    }
  });

  it('forgets the oldest restore point that is done first, and the oldest of all only when none is', () => {
    const { store, clock } = newStore(3);
    createOf(store, 0);
    clock.advance(10);
    const b = createOf(store, 1);
    clock.advance(10);
    const c = createOf(store, 2);
    clock.advance(985); // t = 1005: a is available, b and c still protecting

    const d = createOf(store, 3);
    expect([...store.checkpoints.keys()]).toEqual([b, c, d]);

    clock.advance(10); // t = 1015: b is done too
    const e = createOf(store, 4);
    expect([...store.checkpoints.keys()]).toEqual([c, d, e]);

    // t = 1015: c (created at 20), d and e are all protecting: the oldest goes, so the bound holds.
    expect(store.statusOf(store.checkpoints.get(c) as never)).toBe('protecting');
    const f = createOf(store, 5);
    expect([...store.checkpoints.keys()]).toEqual([d, e, f]);
    expect(store.forgottenCount).toBe(3);
    expect(store.createdCount).toBe(6);
  });

  it('forgets a restore point a test pinned to a final status before older ones still protecting', () => {
    const { store, clock } = newStore(3);
    const a = createOf(store, 0);
    const b = createOf(store, 1);
    const c = createOf(store, 2);
    store.setStatus(b, 'error');
    createOf(store, 3);
    expect(store.checkpoints.has(b)).toBe(false);
    expect(store.checkpoints.has(a)).toBe(true);

    // Pinned to protecting: never done, so a later one that is done goes first.
    clock.advance(AVAILABLE_AFTER_MS);
    store.setStatus(a, 'protecting');
    createOf(store, 4);
    expect(store.checkpoints.has(a)).toBe(true);
    expect(store.checkpoints.has(c)).toBe(false);
  });

  it('stays at the bound over many creates', () => {
    const { store, clock } = newStore(50);
    for (let i = 0; i < 1_000; i++) {
      createOf(store, i % RESOURCES.length);
      clock.advance(AVAILABLE_AFTER_MS / 4);
    }
    expect(store.checkpoints.size).toBe(50);
    expect(store.forgottenCount).toBe(950);
  });
});

describe('the index by resource', () => {
  it('holds a resource while its restore point is protecting, and frees it when it finishes', () => {
    const { store, clock } = newStore();
    createOf(store, 0);
    expect(busy(store, 0, 1)).toEqual([RESOURCES[0]?.id]);
    clock.advance(AVAILABLE_AFTER_MS);
    expect(busy(store, 0)).toEqual([]);
  });

  it('follows pinned statuses: protecting holds the resource again, another status frees it', () => {
    const { store, clock } = newStore();
    const a = createOf(store, 0);
    clock.advance(AVAILABLE_AFTER_MS);
    store.setStatus(a, 'protecting');
    expect(busy(store, 0)).toEqual([RESOURCES[0]?.id]);
    store.setStatus(a, 'available');
    expect(busy(store, 0)).toEqual([]);
    const b = [...store.checkpoints.keys()].at(-1) as string;
    store.setStatus(b, 'error'); // the newest restore point of the resource, pinned before it finished
    expect(busy(store, 0)).toEqual([]);
    // An older restore point pinned to protecting holds the resource, though the newest one is done.
    clock.advance(AVAILABLE_AFTER_MS);
    createOf(store, 0);
    clock.advance(AVAILABLE_AFTER_MS);
    store.setStatus(a, 'protecting');
    expect(busy(store, 0)).toEqual([RESOURCES[0]?.id]);
  });

  it('keeps the hold of a newer restore point when an older one of the same resource is forgotten', () => {
    const { store, clock } = newStore(2);
    const old = createOf(store, 0);
    clock.advance(AVAILABLE_AFTER_MS);
    createOf(store, 0); // protecting
    createOf(store, 1); // full: `old` (done) is forgotten
    expect(store.checkpoints.has(old)).toBe(false);
    expect(busy(store, 0)).toEqual([RESOURCES[0]?.id]);
  });

  it('frees a resource whose protecting restore point was forgotten, and everything on reset', () => {
    const { store } = newStore(1);
    createOf(store, 0);
    createOf(store, 1); // full, all protecting: the restore point of resource 0 is forgotten
    expect(busy(store, 0)).toEqual([]);
    expect(busy(store, 1)).toEqual([]); // the last create forgot the restore point of resource 1 in turn
    store.reset();
    expect(store.checkpoints.size).toBe(0);
    expect(store.createdCount).toBe(0);
    expect(store.forgottenCount).toBe(0);
    expect(busy(store, 0, 1)).toEqual([]);
  });

  it('agrees with a scan of every restore point kept, whatever the steps (property)', () => {
    const step = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({
          kind: fc.constant('create' as const),
          resources: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
        }),
      },
      {
        weight: 3,
        arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 700 }) }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          kind: fc.constant('pin' as const),
          pick: fc.nat(),
          status: fc.constantFrom('protecting', 'available', 'error', 'frozen'),
        }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('reset' as const) }) },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(step, { maxLength: 60 }), (cap, steps) => {
        const { store, clock } = newStore(cap);
        for (const s of steps) {
          if (s.kind === 'advance') clock.advance(s.ms);
          else if (s.kind === 'reset') store.reset();
          else if (s.kind === 'pin') {
            const ids = [...store.checkpoints.keys()];
            if (ids.length > 0) store.setStatus(ids[s.pick % ids.length] as string, s.status);
          } else {
            const kept = [...store.checkpoints.values()];
            const protecting = kept.filter((cp) => store.statusOf(cp) === 'protecting');
            const expectedBusy = s.resources
              .map((i) => RESOURCES[i]?.id as string)
              .filter((id) => protecting.some((cp) => cp.resources.some((r) => r.id === id)));
            expect(busy(store, ...s.resources).sort()).toEqual(expectedBusy.sort());
            expect(store.checkpoints.size).toBeLessThanOrEqual(cap);
            // What a create forgot was done, unless every restore point kept was protecting.
            const forgotten = kept.filter((cp) => !store.checkpoints.has(cp.id));
            if (protecting.length < kept.length) {
              for (const cp of forgotten) expect(protecting).not.toContain(cp);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('work per request', () => {
  // No timing: the store's clock is called by every status it computes, so counting its calls counts the
  // restore points a create or a read looks at.
  it('does not grow with the restore points stored', () => {
    const callsPerRequest = (stored: number) => {
      const { store, clock, nowCalls } = newStore(Number.POSITIVE_INFINITY);
      for (let i = 0; i < stored; i++) {
        createOf(store, i % RESOURCES.length);
        clock.advance(AVAILABLE_AFTER_MS);
      }
      const before = nowCalls();
      const id = createOf(store, 0, 1, 2);
      store.view(store.find('p', id) as never);
      return nowCalls() - before;
    };
    expect(callsPerRequest(10)).toBe(callsPerRequest(20_000));
  });
});

describe('over HTTP', () => {
  let server: Awaited<ReturnType<typeof startMockServer>>;
  beforeAll(async () => {
    server = await startMockServer({ availableAfterMs: 0, maxCheckpoints: 2 });
  });
  afterAll(() => server.close());

  it('answers 404 for a restore point it has forgotten, as for any unknown id', async () => {
    const first = expectCheckpoint(await create(server));
    const second = expectCheckpoint(await create(server));
    const third = expectCheckpoint(await create(server));
    expectError(await show(server, first.id), 404, 'BackupService.6404');
    expect(expectCheckpoint(await show(server, second.id)).id).toBe(second.id);
    expect(expectCheckpoint(await show(server, third.id)).id).toBe(third.id);
    expect(server.store.forgottenCount).toBe(1);
    expect(server.createdCount).toBe(3);
  });

  it('refuses a maxCheckpoints that is not a positive integer, naming it', async () => {
    await expect(startMockServer({ maxCheckpoints: 0 })).rejects.toThrow(/maxCheckpoints/);
  });
});
