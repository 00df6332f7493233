// The request path the generated builders return. Without a query string they skip the stock round trip
// through `new URL` (templates/common.mustache, toRequestPath), for speed: these tests show the round trip
// would have given the same string back, for any parameter value the builders accept.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DUMMY_BASE_URL, setSearchParams, toPathString, toRequestPath } from '../src/client/common.js';
import { CheckpointsApiAxiosParamCreator, Configuration, type VaultBackupReq } from '../src/index.js';
import { seed } from './seed.js';

/** What the stock typescript-axios template returns for a path and its query parameters. */
function stockRequestPath(path: string, query: Record<string, unknown>): string {
  const url = new URL(path, DUMMY_BASE_URL);
  setSearchParams(url, query);
  return toPathString(url);
}

const builder = CheckpointsApiAxiosParamCreator(new Configuration({ apiKey: 'token' }));
// Any well-formed string but the three the builders refuse ("", "." and ".."): any code point, URL syntax.
const segment = fc
  .oneof(fc.string({ unit: 'binary' }), fc.constantFrom('%2e%2e', '.%2E', 'a/../b', '?q=1', '#x', '\\', '..a', ' '))
  .filter((value) => value !== '' && value !== '.' && value !== '..');

describe('request paths without a query string', () => {
  it('are what the stock URL round trip gives, for any project and checkpoint id', async () => {
    await fc.assert(
      fc.asyncProperty(segment, segment, async (projectId, checkpointId) => {
        const show = await builder.showCheckpoint(projectId, checkpointId);
        expect(show.url).toBe(stockRequestPath(show.url, {}));
        const create = await builder.createCheckpoint(projectId, seed.request as unknown as VaultBackupReq);
        expect(create.url).toBe(stockRequestPath(create.url, {}));
      }),
      { numRuns: 500 },
    );
  });

  it('keep each id one path segment', async () => {
    const { url } = await builder.showCheckpoint('a/b?c', '../x#y');
    expect(url).toBe('/v3/a%2Fb%3Fc/checkpoints/..%2Fx%23y');
  });
});

describe('request paths with query parameters', () => {
  it('go through the URL round trip, as the stock template does', () => {
    const query = { limit: 10, name: 'a b&c', vault_id: ['v1', 'v2'], absent: undefined };
    expect(toRequestPath('/v3/p/checkpoints', query)).toBe(
      '/v3/p/checkpoints?limit=10&name=a+b%26c&vault_id=v1&vault_id=v2',
    );
    expect(toRequestPath('/v3/p/checkpoints', query)).toBe(stockRequestPath('/v3/p/checkpoints', query));
  });
});

describe('request bodies', () => {
  it("are the body's JSON, exactly", async () => {
    const { options } = await builder.createCheckpoint('p', seed.request as unknown as VaultBackupReq);
    expect(options.data).toBe(JSON.stringify(seed.request));
  });
});
