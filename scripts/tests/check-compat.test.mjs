// check:compat on temporary copies of the specs, the changesets and the package manifests, at versions the
// tests set (0.4.0, 1.0.0, 2.3.4: never the repository's own, nor its pending changesets): each kind of spec
// edit is classified as a client sees it, and the verdict follows the changesets and the version of the copy
// (0.x: a breaking change needs a minor release; from 1.0.0: a major). The verdict is computed in process
// (scripts/compat/check.mjs), oasdiff once per distinct pair of spec texts (spec-changes.mjs remembers it), so the
// version matrix adds only the bump rule. At every version the command itself runs once with and once without
// --json, and must print what check() and print() give; its exit codes 0 and 2 are checked at the first version.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { check, print } from '../compat/check.mjs';
import { ensureGoTool } from '../lib/go-tools.mjs';
import { changesetText, tempRepo } from './support/temp-repo.mjs';

const FILES = [
  'openapi',
  'scripts/check-compat.mjs',
  'scripts/compat',
  'scripts/lib',
  '.changeset/config.json',
  'package.json',
  'packages/checkpoint-api/package.json',
  'packages/checkpoint/package.json',
  'packages/mock-server/package.json',
];
const CBR = 'openapi/cbr-checkpoint.yaml';
const IAM = 'openapi/iam.yaml';
const ALL = ['@cbr-sdk/checkpoint-api', '@cbr-sdk/checkpoint', '@cbr-sdk/mock-server'];
const VERSIONS = ['0.4.0', '1.0.0', '2.3.4'];

/** The bump a kind of change needs at `version`: RELEASING.md's rule. */
const neededAt = (version, kind) =>
  kind === 'breaking' ? (version.startsWith('0.') ? 'minor' : 'major') : kind === 'addition' ? 'minor' : 'patch';
const LOWER = { major: 'minor', minor: 'patch', patch: undefined };
const allAt = (bump) => Object.fromEntries(ALL.map((name) => [name, bump]));

beforeAll(() => {
  ensureGoTool('oasdiff'); // built once into the real .tools/, which the copies link to
});

// The kinds of edit of issue 13, each with the check oasdiff reports and how a client sees it.
const EDITS = [
  {
    name: 'a removed operation',
    file: CBR,
    edit: (spec) => delete spec.paths['/v3/{project_id}/checkpoints/{checkpoint_id}'].get,
    kind: 'breaking',
    id: 'api-removed-without-deprecation',
  },
  {
    name: 'a removed request field',
    file: CBR,
    edit: (_, s) => delete s.CheckpointParam.properties.description,
    kind: 'breaking',
    id: 'request-property-removed',
  },
  {
    name: 'a removed optional response field',
    file: CBR,
    edit: (_, s) => delete s.CheckpointExtraInfoResp.properties.retention_duration,
    kind: 'breaking',
    id: 'response-optional-property-removed',
  },
  {
    name: 'a removed enum value (request)',
    file: CBR,
    edit: (_, s) => {
      s.ResourceType.enum.pop();
      s.ResourceType['x-enum-varnames'].pop();
    },
    kind: 'breaking',
    id: 'request-property-enum-value-removed',
  },
  {
    name: 'a removed enum value (response)',
    file: CBR,
    edit: (_, s) => {
      s.CheckpointStatus.enum = s.CheckpointStatus.enum.filter((value) => value !== 'deleting');
    },
    kind: 'breaking',
    id: 'response-property-enum-value-removed',
  },
  {
    name: 'a new required request field',
    file: CBR,
    edit: (_, s) => {
      s.VaultBackup.required.push('policy_id');
      s.VaultBackup.properties.policy_id = { type: 'string', description: 'Policy ID' };
    },
    kind: 'breaking',
    id: 'new-required-request-property',
  },
  {
    name: 'a tightened constraint (maxLength 64 → 32)',
    file: CBR,
    edit: (_, s) => {
      s.CheckpointParam.properties.name.maxLength = 32;
    },
    kind: 'breaking',
    id: 'request-property-max-length-decreased',
  },
  {
    name: 'a changed type',
    file: CBR,
    edit: (_, s) => {
      s.CheckpointExtraInfoResp.properties.retention_duration = { type: 'string', description: 'Days' };
    },
    kind: 'breaking',
    id: 'response-property-type-changed',
  },
  {
    name: 'a tightened constraint in the IAM spec',
    file: IAM,
    edit: (spec) => {
      spec.components.parameters.Nocatalog.schema.minLength = 2;
    },
    kind: 'breaking',
    id: 'request-parameter-min-length-increased',
  },
  {
    name: 'an added optional request field',
    file: CBR,
    edit: (_, s) => {
      s.CheckpointParam.properties.tags = { type: 'string', description: 'Tags' };
    },
    kind: 'addition',
    id: 'new-optional-request-property',
  },
  {
    name: 'an added operation',
    file: CBR,
    edit: (spec) => {
      spec.paths['/v3/{project_id}/checkpoints/{checkpoint_id}'].delete = {
        tags: ['Checkpoints'],
        operationId: 'deleteCheckpoint',
        summary: 'Deleting a Restore Point',
        responses: { 204: { description: 'Deleted' } },
      };
    },
    kind: 'addition',
    id: 'endpoint-added',
  },
  {
    name: 'a loosened constraint (maxLength 64 → 128)',
    file: CBR,
    edit: (_, s) => {
      s.CheckpointParam.properties.name.maxLength = 128;
    },
    kind: 'patch',
    id: 'request-property-max-length-increased',
  },
  {
    name: 'a description',
    file: CBR,
    edit: (_, s) => {
      s.CheckpointParam.properties.name.description = 'Name of the restore point';
    },
    kind: 'patch',
    id: 'documentation-changed',
  },
];

// Parsing and printing a spec costs more than checking it: each committed text is parsed once, each edit of it
// made once (on a copy of the parsed form), and the result written again by every case, at every version, that
// makes the same edit of the same text.
const parsedTexts = new Map(); // text → parsed spec
const editedTexts = new Map(); // edit → (text → edited text)
function editedText(edit, text) {
  if (!editedTexts.has(edit)) editedTexts.set(edit, new Map());
  const byText = editedTexts.get(edit);
  if (!byText.has(text)) {
    if (!parsedTexts.has(text)) parsedTexts.set(text, YAML.parse(text));
    const spec = structuredClone(parsedTexts.get(text));
    edit(spec, spec.components.schemas);
    byText.set(text, YAML.stringify(spec));
  }
  return byText.get(text);
}

describe.each(VERSIONS)('at %s', (version) => {
  let repo;
  beforeAll(() => {
    repo = tempRepo(FILES, { version });
  });
  afterAll(() => repo?.cleanup());

  // The files a case changed since the last reset, with their committed texts (null: the file is new). A case
  // changes the copy only through write(), so reset() can put them back in process: two git runs a case cost more
  // than the check itself. The last test of each version proves that git then sees a clean copy.
  let written = new Map();
  function write(file, text) {
    if (!written.has(file)) written.set(file, existsSync(repo.path(file)) ? repo.read(file) : null);
    repo.write(file, text);
  }

  /** Brings the copy back to its committed state (specs, changesets, manifests). */
  function reset() {
    for (const [file, text] of written) {
      if (text === null) repo.remove(file);
      else repo.write(file, text);
    }
    written = new Map();
  }

  /** Edits a spec of the copy through its parsed form. */
  function editSpec(file, edit) {
    write(file, editedText(edit, repo.read(file)));
  }
  const changeset = (name, bumps) => write(`.changeset/${name}.md`, changesetText(bumps));

  /** check:compat on the copy, in process: the exit code the command would give, the result and the report. */
  function checkCompat(options = {}) {
    const result = check({ root: repo.dir, ...options });
    return { status: result.ok ? 0 : 1, result, text: print(result) };
  }

  it(`the copy is at ${version} with no pending changeset`, () => {
    reset();
    for (const folder of ['checkpoint-api', 'checkpoint', 'mock-server']) {
      expect(JSON.parse(repo.read(`packages/${folder}/package.json`)).version).toBe(version);
    }
    expect(repo.git('ls-files', '.changeset')).toBe('.changeset/config.json');
  });

  describe('classifies each kind of spec edit and holds the changesets to it', () => {
    for (const edit of EDITS) {
      describe(edit.name, () => {
        const needed = neededAt(version, edit.kind);

        it(`is ${edit.kind} (${edit.id}) and fails without a changeset, saying which one to add`, () => {
          reset();
          editSpec(edit.file, edit.edit);
          const { status, result, text } = checkCompat();
          expect(result.changes.map((c) => [c.spec, c.kind, c.id])).toContainEqual([edit.file, edit.kind, edit.id]);
          expect(new Set(result.changes.map((c) => c.kind))).toEqual(new Set([edit.kind]));
          expect(result.needed.bump).toBe(needed);
          expect(status).toBe(1);
          expect(result.ok).toBe(false);
          expect(text).toContain('FAIL');
          for (const name of ALL) expect(text).toContain(`"${name}": ${needed}`);
          expect(text).toContain(`[${edit.id}]`);
          if (edit.kind === 'breaking' && version.startsWith('0.')) {
            expect(result.needed.why).toContain(`the package is at ${version}, and while it is 0.x`);
          }
        });

        it(`passes with a ${needed} changeset`, () => {
          reset();
          editSpec(edit.file, edit.edit);
          changeset('spec-change', allAt(needed));
          const { status, result, text } = checkCompat();
          expect(status, text).toBe(0);
          expect(result.ok).toBe(true);
          expect(result.packages.map((p) => [p.name, p.ok])).toEqual(ALL.map((name) => [name, true]));
          expect(text).toContain('PASS');
        });

        if (LOWER[needed]) {
          it(`fails with only a ${LOWER[needed]} changeset`, () => {
            reset();
            editSpec(edit.file, edit.edit);
            changeset('spec-change', allAt(LOWER[needed]));
            const { status, result } = checkCompat();
            expect(status).toBe(1);
            expect(result.packages.find((p) => p.name === '@cbr-sdk/checkpoint-api')).toMatchObject({
              got: LOWER[needed],
              needed,
              ok: false,
            });
          });
        }
      });
    }
  });

  describe('verdicts', () => {
    // The command itself, in a child process: at every version, that it prints what check() and print() give in
    // process (what every other case reads); its other exit codes do not depend on the version (next test).
    it('the command exits 1 with the report, and --json prints the same verdict', () => {
      reset();
      editSpec(CBR, EDITS[9].edit);
      const text = repo.node('scripts/check-compat.mjs');
      const json = repo.node('scripts/check-compat.mjs', ['--json']);
      expect([text.status, json.status]).toEqual([1, 1]);
      expect(text.out).toContain('FAIL: the pending changesets do not release these spec changes as at least a minor.');
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, needed: { bump: 'minor' } });
      const { result } = checkCompat();
      expect(text.stdout).toBe(`${print(result)}\n`);
      expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(result)));
    });

    if (version === VERSIONS[0]) {
      it('the command exits 0 once a changeset is enough, and 2 on a malformed changeset, naming it', () => {
        reset();
        editSpec(CBR, EDITS[9].edit);
        changeset('spec-change', allAt('minor'));
        const passed = repo.node('scripts/check-compat.mjs');
        expect(passed.status, passed.out).toBe(0);
        expect(passed.stdout).toBe(`${print(checkCompat().result)}\n`);
        write('.changeset/broken.md', '---\n"@cbr-sdk/checkpoint-api": minr\n---\n\nTypo.\n');
        const broken = repo.node('scripts/check-compat.mjs');
        expect(broken.status).toBe(2);
        expect(broken.out).toContain(
          'check:compat: .changeset/broken.md: "@cbr-sdk/checkpoint-api": minr is not patch, minor or major',
        );
      });
    }

    it('passes when nothing under openapi/ changed, with no changeset at all', () => {
      reset();
      const { status, result, text } = checkCompat();
      expect(status).toBe(0);
      expect(result.specs).toEqual([
        { file: CBR, changed: false },
        { file: 'openapi/credential-sources.yaml', changed: false },
        { file: IAM, changed: false },
      ]);
      expect(text).toContain('no spec changed');
    });

    it('passes when a spec is only reformatted (no change a client can see)', () => {
      reset();
      write(CBR, `# a comment\n${repo.read(CBR)}`);
      const { status, result } = checkCompat();
      expect(status).toBe(0);
      expect(result.changes).toEqual([]);
      expect(result.needed.bump).toBe('none');
    });

    it('needs the generated package named in a changeset: a fixed-group bump through another package is not enough', () => {
      reset();
      editSpec(CBR, EDITS[9].edit);
      changeset('unrelated', { '@cbr-sdk/checkpoint': 'minor' });
      const { status, result, text } = checkCompat();
      expect(status).toBe(1);
      expect(result.packages).toEqual([
        { name: '@cbr-sdk/checkpoint-api', rule: 'named', got: 'none', needed: 'minor', ok: false },
        { name: '@cbr-sdk/checkpoint', rule: 'effective', got: 'minor', needed: 'minor', ok: true },
        { name: '@cbr-sdk/mock-server', rule: 'effective', got: 'minor', needed: 'minor', ok: true },
      ]);
      expect(text).toContain('LOW  @cbr-sdk/checkpoint-api: the changesets that name it give none');
    });

    it('counts the fixed group for the packages that depend on the generated one, and needs them named without it', () => {
      reset();
      editSpec(CBR, EDITS[9].edit);
      changeset('spec-change', { '@cbr-sdk/checkpoint-api': 'minor' });
      expect(checkCompat().status).toBe(0);
      const config = JSON.parse(repo.read('.changeset/config.json'));
      write('.changeset/config.json', JSON.stringify({ ...config, fixed: [] }));
      const { status, result } = checkCompat();
      expect(status).toBe(1);
      expect(result.packages.filter((p) => !p.ok).map((p) => p.name)).toEqual([
        '@cbr-sdk/checkpoint',
        '@cbr-sdk/mock-server',
      ]);
    });

    it('names a malformed changeset (exit code 2)', () => {
      reset();
      editSpec(CBR, EDITS[9].edit);
      write('.changeset/broken.md', '---\n"@cbr-sdk/checkpoint-api": minr\n---\n\nTypo.\n');
      expect(() => check({ root: repo.dir })).toThrow(
        '.changeset/broken.md: "@cbr-sdk/checkpoint-api": minr is not patch, minor or major',
      );
      // The command turns this error into exit code 2 (the same at every version): tested once, above.
    });
  });

  describe('base', () => {
    it(`defaults to the last release tag of @cbr-sdk/checkpoint-api (@${version}), so committed changes since it count`, () => {
      reset();
      const tag = `@cbr-sdk/checkpoint-api@${version}`;
      const released = repo.commit('released');
      repo.git('tag', tag);
      editSpec(CBR, EDITS[9].edit);
      const changed = repo.commit('spec: tags');
      try {
        const { status, result } = checkCompat();
        expect(result.base).toMatchObject({ sha: released, label: expect.stringContaining(tag) });
        expect(status).toBe(1);
        expect(result.changes.map((c) => c.id)).toEqual(['new-optional-request-property']);
        // --merge-base ignores the tag: main is HEAD here, so only uncommitted changes would count.
        expect(checkCompat({ mergeBase: true })).toMatchObject({ status: 0, result: { base: { sha: changed } } });
        // --base picks any commit.
        expect(checkCompat({ base: released }).result.base.sha).toBe(released);
      } finally {
        repo.git('tag', '-d', tag);
        repo.git('reset', '--quiet', '--hard', 'HEAD~2');
      }
    });

    it('uses the merge-base with main when there is no release tag', () => {
      reset();
      const main = repo.git('rev-parse', 'HEAD');
      repo.git('switch', '--quiet', '-c', 'feature');
      try {
        editSpec(CBR, EDITS[6].edit);
        repo.commit('spec: shorter names');
        const { status, result } = checkCompat();
        expect(result.base.sha).toBe(main);
        expect(result.base.label).toContain('merge-base of HEAD and main');
        expect(result.base.notes.join('\n')).toContain('no release tag @cbr-sdk/checkpoint-api@*');
        expect(status).toBe(1);
      } finally {
        repo.git('switch', '--quiet', 'main');
        repo.git('branch', '--quiet', '-D', 'feature');
      }
    });

    it('says so and uses HEAD in a clone without main (uncommitted edits still count)', () => {
      reset();
      repo.git('branch', '--quiet', '-m', 'main', 'trunk');
      try {
        editSpec(CBR, EDITS[6].edit);
        const { status, result, text } = checkCompat();
        expect(result.base.sha).toBe(repo.git('rev-parse', 'HEAD'));
        expect(text).toContain('this clone has no `main` branch');
        expect(text).toContain('comparing with HEAD instead');
        expect(status).toBe(1);
      } finally {
        repo.git('branch', '--quiet', '-m', 'trunk', 'main');
      }
    });

    it('fails clearly on a --base that does not exist', () => {
      reset();
      expect(() => check({ root: repo.dir, base: 'no-such-ref' })).toThrow(
        '--base no-such-ref: no such commit, branch or tag in this clone',
      );
    });
  });

  it('after the last reset, git sees the copy as committed (reset() undid every change of every case)', () => {
    reset();
    expect(repo.git('status', '--porcelain', '--untracked-files=all')).toBe('');
    expect(repo.git('log', '--format=%s')).toBe('base');
    expect(repo.git('for-each-ref', '--format=%(refname)')).toBe('refs/heads/main');
  });
});
