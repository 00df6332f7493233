// The spec against Huawei's own definitions of the same operations (openapi/huawei-definitions/, from API
// Explorer): every field Huawei defines is in the spec with the same type, requiredness, enum, bounds and
// pattern, unless it is listed below as left out or changed on purpose, with the reason.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSchema } from '../src/index.js';
import { spec } from './seed.js';

// biome-ignore lint/suspicious/noExplicitAny: the definitions are free-form JSON; tests walk them by known paths.
type Json = any;
const definition = (name: string): Json =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../../openapi/huawei-definitions/${name}.json`, import.meta.url)), 'utf8'),
  );

const schemas = spec.components.schemas;

/** Properties of Huawei's schemas that the spec types differently, and why. */
const CHANGED: Record<string, string> = {
  // Response enums stay open (a new value must not fail a client): the status is a oneOf of the known values and
  // any other string; the rarer ones are strings with their values in the description.
  'CheckpointCreate.status': 'open enum',
  'CheckpointResourceResp.protect_status': 'open enum',
  'BackupResp.status': 'open enum',
  'BackupExtendInfo.supported_restore_mode': 'open enum (a string)',
  'ReplicationRecordGet.status': 'open enum (a string)',
  // Huawei's times have no time zone (2020-02-05T10:38:34.209782), so they are not RFC 3339 date-times.
  'BackupResp.created_at': 'no format',
  'BackupResp.expired_at': 'no format',
  'BackupResp.updated_at': 'no format',
  'BackupResp.protected_at': 'no format',
  // Resource.type is an enum in the spec (the request side: a typo is caught before sending).
  'Resource.type': 'enum',
};
/** Huawei's schemas and properties the spec leaves out, and why. */
const LEFT_OUT: Record<string, string> = {
  // Defined but used by no operation.
  ResourceExtraInfoIncludeVolumes: 'unused in the definitions',
  // Huawei's name for the create/show answer; the spec keeps the seed page's name, CheckpointCreateResp.
  CheckpointResp: 'named CheckpointCreateResp, as the seed page and the SDKs do',
  // readOnly in Huawei's definition and never sent: kept, without readOnly.
  'BackupResp.version.readOnly': 'a response-only schema',
};

/** The schema a property refers to: `$ref`, or `allOf: [{ $ref }]` (how the spec gives a `$ref` its description). */
const refName = (schema: Json): string | undefined =>
  (schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined))?.split('/').pop();

function compare(name: string, theirs: Json, problems: string[]) {
  const ours = schemas[name];
  if (!ours) {
    if (!LEFT_OUT[name]) problems.push(`${name}: missing from the spec`);
    return;
  }
  expect(new Set(ours.required ?? [])).toEqual(new Set(theirs.required ?? []));
  for (const [property, their] of Object.entries<Json>(theirs.properties ?? {})) {
    const key = `${name}.${property}`;
    const our = ours.properties?.[property];
    if (!our) {
      problems.push(`${key}: missing from the spec`);
      continue;
    }
    if (CHANGED[key]) continue;
    if (their.$ref) {
      const target = their.$ref.split('/').pop();
      if (refName(our) !== target) problems.push(`${key}: should refer to ${target}`);
      continue;
    }
    if (our.type !== their.type) problems.push(`${key}: type ${our.type}, Huawei ${their.type}`);
    for (const rule of ['format', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'maxItems', 'default']) {
      if (their[rule] !== undefined && our[rule] !== their[rule])
        problems.push(`${key}: ${rule} ${JSON.stringify(our[rule])}, Huawei ${JSON.stringify(their[rule])}`);
    }
    if (their.enum && JSON.stringify(our.enum) !== JSON.stringify(their.enum)) problems.push(`${key}: enum differs`);
    if (their.items?.$ref && our.items?.$ref?.split('/').pop() !== their.items.$ref.split('/').pop())
      problems.push(`${key}: items should refer to ${their.items.$ref}`);
  }
}

describe("the spec follows Huawei's definitions", () => {
  it.each(['CreateCheckpoint', 'ShowCheckpoint', 'ListBackups', 'ShowBackup'])(
    '%s: every schema and property, with its type, bounds, enum and pattern',
    (operation) => {
      const problems: string[] = [];
      for (const [name, theirs] of Object.entries<Json>(definition(operation).definitions))
        compare(name, theirs, problems);
      expect(problems).toEqual([]);
    },
  );

  it('declares the query parameters of listBackups that the spec keeps, with their enums', () => {
    const theirs = Object.values<Json>(definition('ListBackups').paths)[0].get.parameters.filter(
      (p: Json) => p.in === 'query',
    );
    const ours = spec.paths['/v3/{project_id}/backups'].get.parameters.map(
      (p: Json) => spec.components.parameters[p.$ref.split('/').pop()],
    );
    const leftOut = spec.paths['/v3/{project_id}/backups'].get.description as string;
    for (const their of theirs) {
      const our = ours.find((p: Json) => p.name === their.name);
      if (!our) {
        // A filter left out is named in the operation's description.
        expect(leftOut).toContain(`\`${their.name}\``);
        continue;
      }
      const named = refName(our.schema);
      const values =
        our.schema.enum ??
        (named ? schemas[named].enum : undefined) ??
        (our.schema.items?.$ref ? schemas.BackupStatus.enum : undefined);
      if (their.enum) expect(values, their.name).toEqual(their.enum);
    }
    expect(ours.map((p: Json) => p.name)).toEqual(
      expect.arrayContaining(['checkpoint_id', 'vault_id', 'resource_id', 'resource_type', 'name', 'status']),
    );
  });

  it("has Huawei's examples of backups as its examples, and they conform", () => {
    const list = Object.values<Json>(definition('ListBackups').paths)[0].get.responses['200'].examples[
      'application/json'
    ];
    const show = Object.values<Json>(definition('ShowBackup').paths)[0].get.responses['200'].examples[
      'application/json'
    ];
    expect(spec.components.examples.BackupList.value).toStrictEqual(list);
    expect(spec.components.examples.AvailableBackup.value).toStrictEqual(show);
    expect(checkSchema('BackupListResp', list)).toEqual([]);
    expect(checkSchema('BackupGetResp', show)).toEqual([]);
  });

  it('makes nullable each field that is null in one of the examples', () => {
    const nullsIn = (value: Json, schema: string, found: Set<string>) => {
      for (const [key, field] of Object.entries<Json>(value)) {
        if (field === null) found.add(`${schema}.${key}`);
      }
    };
    const found = new Set<string>();
    const examples = [
      ...spec.components.examples.BackupList.value.backups,
      spec.components.examples.AvailableBackup.value.backup,
      ...spec.components.examples.AvailableBackup.value.backup.children,
    ];
    for (const backup of examples) {
      nullsIn(backup, 'BackupResp', found);
      nullsIn(backup.extend_info, 'BackupExtendInfo', found);
    }
    expect(found.size).toBeGreaterThan(5);
    for (const field of found) {
      const [name, property] = field.split('.') as [string, string];
      expect(schemas[name].properties[property].nullable, field).toBe(true);
    }
  });

  it('documents the delete: 204, and the error codes of the definition', () => {
    const deleteOperation = spec.paths['/v3/{project_id}/backups/{backup_id}'].delete;
    expect(Object.keys(Object.values<Json>(definition('DeleteBackup').paths)[0].delete.responses)).toEqual(['204']);
    expect(Object.keys(deleteOperation.responses)).toContain('204');
    const notDeletable = spec.components.responses.BackupNotDeletable.description as string;
    expect(notDeletable).toContain('CSBS.2003');
    expect(notDeletable).toContain('6201');
    expect(spec.components.responses.BackupNotFound.description).toContain('CSBS.3001');
  });
});

describe('every schema and property of the spec has a description', () => {
  it('for the generated docs and the TSDoc of every model', () => {
    const missing: string[] = [];
    for (const [name, schema] of Object.entries<Json>(schemas)) {
      if (!schema.description) missing.push(name);
      for (const [property, value] of Object.entries<Json>(schema.properties ?? {})) {
        // A $ref's description is its target's (OpenAPI 3.0 ignores siblings of $ref).
        if (!value.$ref && !value.description) missing.push(`${name}.${property}`);
        if (value.items && !value.items.$ref && !value.items.description) missing.push(`${name}.${property}[]`);
      }
    }
    expect(missing).toEqual([]);
  });
});
