// The spec against the seed page, and the compiled validators against the spec's constraints. The
// constraint cases are read from the spec, so they follow a spec edit (after `npm run generate`).
import { describe, expect, it } from 'vitest';
import {
  CREATE_CHECKPOINT_REQUEST_EXAMPLE,
  CREATE_CHECKPOINT_RESPONSE_EXAMPLE,
  checkParameter,
  checkSchema,
  REGIONS,
  ResourceType,
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

  it('has the defaults and resource types of the seed page', () => {
    expect(param.incremental.default).toBe(true);
    expect(param.auto_trigger.default).toBe(false);
    expect(Object.values(ResourceType)).toEqual([
      'OS::Nova::Server',
      'OS::Cinder::Volume',
      'OS::Ironic::BareMetalServer',
      'OS::Native::Server',
      'OS::Sfs::Turbo',
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
    const max = param.name.maxLength;
    expect(issuesOf(withParameters({ name: '备'.repeat(max) }))).toEqual([]);
    expect(issuesOf(withParameters({ name: '😀'.repeat(max) }))).toEqual([]);
    expect(issuesOf(withParameters({ name: '😀'.repeat(max + 1) }))).toHaveLength(1);
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
    const issues = issuesOf(withParameters({ resource_details: [{ id: 'a', type: 'OS::Workspace::DesktopV2' }] }));
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

  it('checks path parameters', () => {
    expect(checkParameter('ProjectId', 'f841e01fd2b14e7fa41b6ae7aa6b0594')).toEqual([]);
    expect(checkParameter('ProjectId', '')[0]).toMatchObject({ rule: 'minLength' });
    expect(checkParameter('CheckpointId', 7)[0]).toMatchObject({ rule: 'type' });
  });
});

describe('the response schema', () => {
  // biome-ignore lint/suspicious/noExplicitAny: the test edits nested fields of a parsed JSON example.
  const response = structuredClone(seed.response) as { checkpoint: Record<string, any> };

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
