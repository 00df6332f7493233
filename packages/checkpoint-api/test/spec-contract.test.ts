// The spec against the seed page, and the compiled validators against the spec's constraints. The
// constraint cases are read from the spec, so they follow a spec edit (after `npm run generate`).
import { describe, expect, it } from 'vitest';
import {
  CREATE_CHECKPOINT_REQUEST_EXAMPLE,
  CREATE_CHECKPOINT_RESPONSE_EXAMPLE,
  checkParameter,
  checkSchema,
  formatSchemaIssue,
  REGIONS,
  ResourceType,
  type SchemaIssue,
} from '../src/index.js';
import { seed, spec } from './seed.js';

const create = spec.paths['/v3/{project_id}/checkpoints'].post;
const schemas = spec.components.schemas;
const param = schemas.CheckpointParam.properties;
/** The first example of a media type (the spec keeps them in components/examples, behind a `$ref`). */
function firstExample(examples: object): { value: unknown } {
  const [first] = Object.values(examples) as { $ref: string }[];
  return spec.components.examples[String(first?.$ref.split('/').pop())];
}

describe('the spec holds the seed page', () => {
  it("has the seed's example request and response as its examples, unchanged", () => {
    const requestExample = firstExample(create.requestBody.content['application/json'].examples);
    const responseExample = firstExample(create.responses['200'].content['application/json'].examples);
    expect(requestExample.value).toStrictEqual(seed.request);
    expect(responseExample.value).toStrictEqual(seed.response);
    // …and the generated constants carry them into code.
    expect(CREATE_CHECKPOINT_REQUEST_EXAMPLE).toStrictEqual(seed.request);
    expect(CREATE_CHECKPOINT_RESPONSE_EXAMPLE).toStrictEqual(seed.response);
  });

  it("validates the seed's example request and response", () => {
    expect(checkSchema('VaultBackupReq', seed.request)).toEqual([]);
    expect(checkSchema('CheckpointCreateResp', seed.response)).toEqual([]);
  });

  it("has the defaults and resource types of the seed page, and the definition's desktops", () => {
    expect(param.incremental.default).toBe(true);
    expect(param.auto_trigger.default).toBe(false);
    expect(Object.values(ResourceType)).toEqual([
      'OS::Nova::Server',
      'OS::Cinder::Volume',
      'OS::Ironic::BareMetalServer',
      'OS::Native::Server',
      'OS::Sfs::Turbo',
      // From Huawei's definition of CreateCheckpoint (newer than the seed page).
      'OS::Workspace::DesktopV2',
    ]);
  });

  it('declares no uniqueItems array (the generated client serialises bodies without the Set replacer)', () => {
    const withUniqueItems: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'uniqueItems' && value === true) withUniqueItems.push(path);
        walk(value, `${path}/${key}`);
      }
    };
    walk(spec, '#');
    expect(withUniqueItems).toEqual([]);
  });

  it('lists 34 regions, cn-north-4 by default', () => {
    expect(REGIONS).toHaveLength(34);
    expect(spec.servers[0].variables.region.default).toBe('cn-north-4');
  });
});

describe('the request validator, compiled from the spec', () => {
  const withParameters = (parameters: Record<string, unknown>) => ({
    checkpoint: { vault_id: 'v-1', parameters },
  });
  const issuesOf = (value: unknown) => checkSchema('VaultBackupReq', value);

  it.each([
    ['name', param.name.maxLength, 'maxLength'],
    ['description', param.description.maxLength, 'maxLength'],
  ])('rejects a %s one character over its maxLength (%i)', (field, max, rule) => {
    expect(issuesOf(withParameters({ [field]: 'x'.repeat(max) }))).toEqual([]);
    expect(issuesOf(withParameters({ [field]: 'x'.repeat(max + 1) }))).toEqual([
      { path: `checkpoint.parameters.${field}`, rule, message: `must be at most ${max} characters long` },
    ]);
  });

  it('counts length in characters (code points), as JSON Schema does', () => {
    expect(issuesOf(withParameters({ name: '备'.repeat(param.name.maxLength) }))).toEqual([]);
    const max = param.description.maxLength;
    expect(issuesOf(withParameters({ description: '😀'.repeat(max) }))).toEqual([]);
    expect(issuesOf(withParameters({ description: '😀'.repeat(max + 1) }))).toHaveLength(1);
  });

  it('rejects an empty name (minLength)', () => {
    expect(param.name.minLength).toBeGreaterThan(0);
    expect(issuesOf(withParameters({ name: '' }))).toEqual([
      {
        path: 'checkpoint.parameters.name',
        rule: 'minLength',
        message: `must be at least ${param.name.minLength} character${param.name.minLength === 1 ? '' : 's'} long`,
      },
    ]);
  });

  it('rejects a missing vault_id', () => {
    expect(issuesOf({ checkpoint: { parameters: {} } })).toEqual([
      { path: 'checkpoint.vault_id', rule: 'required', message: 'is required' },
    ]);
  });

  it('rejects a resource without id, naming its index', () => {
    expect(
      issuesOf(
        withParameters({ resource_details: [{ id: 'a', type: 'OS::Nova::Server' }, { type: 'OS::Nova::Server' }] }),
      ),
    ).toEqual([{ path: 'checkpoint.parameters.resource_details[1].id', rule: 'required', message: 'is required' }]);
  });

  it('rejects an unknown resource type, listing the allowed ones', () => {
    const issues = issuesOf(withParameters({ resource_details: [{ id: 'a', type: 'OS::Unknown::Thing' }] }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'checkpoint.parameters.resource_details[0].type', rule: 'enum' });
    for (const type of schemas.ResourceType.enum) expect(issues[0]?.message).toContain(type);
  });

  it('rejects a non-boolean incremental and other wrong types', () => {
    expect(issuesOf(withParameters({ incremental: 'true' }))).toEqual([
      { path: 'checkpoint.parameters.incremental', rule: 'type', message: 'must be of type boolean' },
    ]);
    expect(issuesOf({ checkpoint: { vault_id: 42 } })).toEqual([
      { path: 'checkpoint.vault_id', rule: 'type', message: 'must be of type string' },
    ]);
    expect(issuesOf(withParameters({ resources: 'a' }))[0]).toMatchObject({ rule: 'type' });
    expect(issuesOf({ checkpoint: null })[0]).toMatchObject({ path: 'checkpoint', rule: 'type' });
  });

  it('reports every broken rule at once', () => {
    const issues = issuesOf({ checkpoint: { parameters: { name: '', incremental: 1 } } });
    expect(issues.map((issue) => `${issue.path}:${issue.rule}`).sort()).toEqual([
      'checkpoint.parameters.incremental:type',
      'checkpoint.parameters.name:minLength',
      'checkpoint.vault_id:required',
    ]);
  });

  it('accepts fields the seed page does not list (the service may know them)', () => {
    expect(issuesOf({ checkpoint: { vault_id: 'v', parameters: { policy_id: 'p' } } })).toEqual([]);
  });

  it("takes a name of letters (CJK included), digits, _ and -, and refuses spaces (Huawei's pattern)", () => {
    for (const name of ['nightly-backup_01', '夜间备份', '備份-2026', 'Backup_夜间'])
      expect(issuesOf(withParameters({ name })), name).toEqual([]);
    for (const name of ['nightly backup', 'pre.deploy', 'a/b', '😀'])
      expect(issuesOf(withParameters({ name })), name).toEqual([
        {
          path: 'checkpoint.parameters.name',
          rule: 'pattern',
          message: `must match the pattern ${param.name.pattern}`,
        },
      ]);
  });

  it('refuses < and > in a description', () => {
    expect(issuesOf(withParameters({ description: 'before the deploy; a & b' }))).toEqual([]);
    expect(issuesOf(withParameters({ description: '<script>' }))[0]).toMatchObject({
      path: 'checkpoint.parameters.description',
      rule: 'pattern',
    });
  });

  it('takes retention_duration_days of 1 to 36500 or -1, and nothing else', () => {
    for (const days of [1, 7, 36500, -1])
      expect(issuesOf(withParameters({ retention_duration_days: days }))).toEqual([]);
    expect(issuesOf(withParameters({ retention_duration_days: 0 }))[0]).toMatchObject({ rule: 'not' });
    expect(issuesOf(withParameters({ retention_duration_days: 36501 }))).toEqual([
      { path: 'checkpoint.parameters.retention_duration_days', rule: 'maximum', message: 'must be at most 36500' },
    ]);
    expect(issuesOf(withParameters({ retention_duration_days: -2 }))[0]).toMatchObject({ rule: 'minimum' });
    expect(issuesOf(withParameters({ retention_duration_days: 1.5 }))[0]).toMatchObject({ rule: 'type' });
  });

  it('refuses retention_duration_days with auto_trigger true, naming the rule (x-cross-field-rules)', () => {
    expect(issuesOf(withParameters({ auto_trigger: true, retention_duration_days: 7 }))).toEqual([
      {
        path: 'checkpoint.parameters.retention_duration_days',
        rule: 'retention-not-with-auto-trigger',
        message: 'is not allowed when auto_trigger is true (an automatic backup is kept as its policy says)',
      },
    ]);
    expect(
      formatSchemaIssue(issuesOf(withParameters({ auto_trigger: true, retention_duration_days: 7 }))[0] as SchemaIssue),
    ).toMatch(/^checkpoint\.parameters\.retention_duration_days is not allowed .*\(retention-not-with-auto-trigger\)$/);
    expect(issuesOf(withParameters({ auto_trigger: false, retention_duration_days: 7 }))).toEqual([]);
    expect(issuesOf(withParameters({ retention_duration_days: 7 }))).toEqual([]);
    expect(issuesOf(withParameters({ auto_trigger: true }))).toEqual([]);
    // The rule is in the spec once, as data; the validator is compiled from it.
    expect(schemas.CheckpointParam['x-cross-field-rules']).toEqual([
      expect.objectContaining({
        name: 'retention-not-with-auto-trigger',
        when: { auto_trigger: true },
        forbids: ['retention_duration_days'],
      }),
    ]);
  });

  it('takes at most 256 resource_details, and volumes to exclude', () => {
    const resource = { id: 'r', type: 'OS::Nova::Server', extra_info: { exclude_volumes: ['vol-1'] } };
    expect(issuesOf(withParameters({ resource_details: Array(256).fill(resource) }))).toEqual([]);
    expect(issuesOf(withParameters({ resource_details: Array(257).fill(resource) }))).toEqual([
      { path: 'checkpoint.parameters.resource_details', rule: 'maxItems', message: 'must have at most 256 items' },
    ]);
    expect(
      issuesOf(withParameters({ resource_details: [{ ...resource, extra_info: { exclude_volumes: 'vol-1' } }] }))[0],
    ).toMatchObject({ path: 'checkpoint.parameters.resource_details[0].extra_info.exclude_volumes', rule: 'type' });
  });

  it("checks listBackups' query parameters", () => {
    expect(checkParameter('Limit', 1000)).toEqual([]);
    expect(checkParameter('Limit', 0)[0]).toMatchObject({ rule: 'minimum' });
    expect(checkParameter('Limit', 1001)[0]).toMatchObject({ rule: 'maximum' });
    expect(checkParameter('Offset', 0)).toEqual([]);
    expect(checkParameter('Offset', -1)[0]).toMatchObject({ rule: 'minimum' });
    expect(checkParameter('Sort', 'created_at:desc,name:asc')).toEqual([]);
    expect(checkParameter('Sort', 'created_at')).toEqual([]);
    expect(checkParameter('Sort', 'size:desc')[0]).toMatchObject({ rule: 'pattern' });
    expect(checkParameter('Sort', 'created_at:up')[0]).toMatchObject({ rule: 'pattern' });
    expect(checkParameter('StartTime', '2018-02-01T12:00:00Z')).toEqual([]);
    expect(checkParameter('StartTime', '2018-02-01 12:00:00')[0]).toMatchObject({ rule: 'pattern' });
    expect(checkParameter('StatusFilter', ['available', 'error'])).toEqual([]);
    expect(checkParameter('StatusFilter', ['gone'])[0]).toMatchObject({ path: '[0]', rule: 'enum' });
    expect(checkParameter('ResourceTypeFilter', 'OS::Sfs::Turbo')[0]).toMatchObject({ rule: 'enum' });
    expect(checkParameter('ImageTypeFilter', 'replication')).toEqual([]);
  });

  it('checks path parameters', () => {
    expect(checkParameter('ProjectId', 'f841e01fd2b14e7fa41b6ae7aa6b0594')).toEqual([]);
    expect(checkParameter('ProjectId', '')[0]).toMatchObject({ rule: 'minLength' });
    expect(checkParameter('CheckpointId', 7)[0]).toMatchObject({ rule: 'type' });
  });
});

describe('the response schema', () => {
  // biome-ignore lint/suspicious/noExplicitAny: the test edits nested fields of a parsed JSON example.
  const response = structuredClone(seed.response) as { checkpoint: Record<string, any> };

  it('accepts a backup status this version does not know (the set is open)', () => {
    const backup = structuredClone(spec.components.examples.AvailableBackup.value);
    backup.backup.status = 'archiving';
    expect(checkSchema('BackupGetResp', backup)).toEqual([]);
    backup.backup.status = 7;
    expect(checkSchema('BackupGetResp', backup).length).toBeGreaterThan(0);
  });

  it('accepts a status this version does not know (the set is open)', () => {
    response.checkpoint.status = 'archiving';
    response.checkpoint.vault.resources[0].protect_status = 'migrating';
    expect(checkSchema('CheckpointCreateResp', response)).toEqual([]);
  });

  it('still requires the fields the seed page requires', () => {
    const { id: _id, ...withoutId } = seed.response.checkpoint;
    expect(checkSchema('CheckpointCreateResp', { checkpoint: withoutId })).toEqual([
      { path: 'checkpoint.id', rule: 'required', message: 'is required' },
    ]);
  });
});
