// npm run metadata / lint:metadata on a temporary copy: repository, homepage and bugs come from the root
// package.json's repository.url into every published package, including one added later; the release workflow's
// --for-publish refuses a placeholder URL or one that names another repository. In process
// (scripts/lib/package-metadata.mjs), which the command (scripts/package-metadata.mjs) only calls: the command
// itself runs twice in a child process (its options, GITHUB_REPOSITORY, its output streams and exit codes 0 and 1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageMetadata } from '../lib/package-metadata.mjs';
import { tempRepo } from './support/temp-repo.mjs';

describe('package metadata from the root package.json', () => {
  let repo;
  beforeAll(() => {
    repo = tempRepo([
      'package.json',
      '.changeset/config.json',
      'scripts/package-metadata.mjs',
      'scripts/lib',
      'packages/checkpoint-api/package.json',
      'packages/checkpoint/package.json',
      'packages/mock-server/package.json',
    ]);
  });
  afterAll(() => repo?.cleanup());
  /** The command, in a child process. */
  const command = (args = [], env = {}) =>
    repo.node('scripts/package-metadata.mjs', args, { env: { ...process.env, GITHUB_REPOSITORY: '', ...env } });
  /** What the command does with these options, in process. */
  const metadata = (args = [], { GITHUB_REPOSITORY } = {}) =>
    packageMetadata({
      root: repo.dir,
      check: args.includes('--check'),
      forPublish: args.includes('--for-publish'),
      building: GITHUB_REPOSITORY,
    });
  const manifest = (folder) => JSON.parse(repo.read(folder ? `packages/${folder}/package.json` : 'package.json'));

  it('agrees as committed (the command, exit code 0)', () => {
    const result = command(['--check']);
    expect(result.status, result.out).toBe(0);
    expect(result.stdout).toContain('metadata: every published package.json agrees with https://github.com/');
    expect(metadata(['--check'])).toMatchObject({ status: 0, stdout: result.stdout, stderr: '' });
    expect(manifest('checkpoint-api').repository).toEqual({
      type: 'git',
      url: manifest().repository.url,
      directory: 'packages/checkpoint-api',
    });
  });

  it('covers a package added later (a bin-only @cbr-sdk/cli): the check names it, metadata writes it', () => {
    repo.write(
      'packages/cli/package.json',
      `${JSON.stringify({ name: '@cbr-sdk/cli', version: '0.0.0', license: 'Apache-2.0', bin: { cbr: './bin/cbr.mjs' } }, null, 2)}\n`,
    );
    const stale = metadata(['--check']);
    expect(stale.status).toBe(1);
    expect(stale.out).toContain('packages/cli/package.json: repository, homepage, bugs');
    expect(stale.out).toContain('Run `npm run metadata`');

    expect(metadata().status).toBe(0);
    const cli = manifest('cli');
    expect(Object.keys(cli)).toEqual(['name', 'version', 'license', 'repository', 'homepage', 'bugs', 'bin']);
    expect(cli.repository.directory).toBe('packages/cli');
    expect(cli.homepage).toMatch(/\/tree\/main\/packages\/cli#readme$/);
    expect(metadata(['--check']).status).toBe(0);
  });

  it('skips private packages', () => {
    repo.write('packages/internal/package.json', JSON.stringify({ name: 'internal-tool', private: true }));
    expect(metadata(['--check']).status).toBe(0);
    repo.remove('packages/internal');
  });

  it('refuses to publish while the URL is the placeholder', () => {
    const result = metadata(['--for-publish']);
    expect(result.status).toBe(1);
    expect(result.out).toContain('refusing to publish: the repository URL is still the placeholder');
  });

  it('setting the root URL once fixes every package; then publishing is allowed from that repository only', () => {
    const root = manifest();
    repo.write(
      'package.json',
      JSON.stringify({ ...root, repository: { type: 'git', url: 'https://github.com/acme/cbr-sdk' } }),
    );
    const stale = metadata(['--check']);
    expect(stale.status).toBe(1);
    for (const folder of ['checkpoint-api', 'checkpoint', 'mock-server', 'cli']) {
      expect(stale.out).toContain(`packages/${folder}/package.json: repository, homepage, bugs`);
    }
    expect(metadata().status).toBe(0);
    for (const folder of ['checkpoint-api', 'checkpoint', 'mock-server', 'cli']) {
      expect(manifest(folder)).toMatchObject({
        repository: { type: 'git', url: 'git+https://github.com/acme/cbr-sdk.git', directory: `packages/${folder}` },
        homepage: `https://github.com/acme/cbr-sdk/tree/main/packages/${folder}#readme`,
        bugs: { url: 'https://github.com/acme/cbr-sdk/issues' },
      });
    }
    expect(manifest()).toMatchObject({
      repository: { url: 'git+https://github.com/acme/cbr-sdk.git' },
      homepage: 'https://github.com/acme/cbr-sdk#readme',
    });
    expect(metadata(['--for-publish'], { GITHUB_REPOSITORY: 'acme/cbr-sdk' }).status).toBe(0);
    expect(metadata(['--for-publish']).status).toBe(0);
    // The command reads GITHUB_REPOSITORY from its environment, and fails on stderr with exit code 1.
    const elsewhere = command(['--for-publish'], { GITHUB_REPOSITORY: 'someone/fork' });
    expect(elsewhere.status).toBe(1);
    expect(elsewhere.stdout).toBe('');
    expect(elsewhere.out).toContain('metadata: refusing to publish: this workflow runs in someone/fork');
    expect(metadata(['--for-publish'], { GITHUB_REPOSITORY: 'someone/fork' })).toMatchObject({
      status: 1,
      stderr: elsewhere.out,
    });
  });

  it('says what is wrong with a root URL it cannot read', () => {
    repo.write('package.json', JSON.stringify({ ...manifest(), repository: 'not a url' }));
    const result = metadata(['--check']);
    expect(result.status).toBe(1);
    expect(result.out).toContain("the root package.json's repository.url (not a url) is not a GitHub repository URL");
  });
});
