// The credentials file shared with Huawei's official SDKs: what every official parser accepts is read; a file
// that cannot be used is an error naming the file, the line and the key, never a value.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProfileSection } from '../src/auth/sources/profile.js';
import { CbrConfigError, fromProfile } from '../src/index.js';

const FILE = '/home/ops/.huaweicloud/credentials';
const SECRET = 'sk-value-never-shown-0123456789';

describe('reading', () => {
  it('keys with and without spaces around =, comments, other sections, CRLF, a BOM', () => {
    const text = `\uFEFF; a comment\r\n[global]\r\nak=GLOBALAK\r\nsk=global\r\n\r\n[basic]\r\n# keys of the project level\r\nak = HPUABASIC\r\nsk=${SECRET}\r\nsecurity_token =  tok\r\nproject_id= f841e01fd2b14e7fa41b6ae7aa6b0594\r\n`;
    expect(readProfileSection(text, FILE, 'basic')).toEqual({
      kind: 'access-key',
      accessKey: 'HPUABASIC',
      secretKey: SECRET,
      securityToken: 'tok',
      projectId: 'f841e01fd2b14e7fa41b6ae7aa6b0594',
    });
  });

  it('idp_id + id_token_file mean OIDC federation, with iam_endpoint', () => {
    const text = '[basic]\nidp_id = github-ci\nid_token_file = /var/run/token\niam_endpoint = iam.example.com\n';
    expect(readProfileSection(text, FILE, 'basic')).toEqual({
      kind: 'id-token',
      idpId: 'github-ci',
      idTokenFile: '/var/run/token',
      iamEndpoint: 'iam.example.com',
    });
  });
});

describe('a file that cannot be used: file, line and key, never the value', () => {
  it.each([
    ['[basic]\nak = HPUA\n', `credentials file ${FILE}, line 2: [basic] has ak but no sk`],
    [`[basic]\nsk = ${SECRET}\n`, `credentials file ${FILE}, line 2: [basic] has sk but no ak`],
    [`[basic]\nak = A\n${SECRET}\n`, `credentials file ${FILE}, line 3: not a [section] or a key = value line`],
    [`ak = ${SECRET}\n`, `credentials file ${FILE}, line 1: key ak is outside any [section]`],
    [
      `[basic]\nak = A\nsk = ${SECRET}\nsk = ${SECRET}x\n`,
      `credentials file ${FILE}, line 4: key sk is given twice in its section`,
    ],
    ['[basic]\nak = A\nsk =\n', `credentials file ${FILE}, line 3: key sk is empty`],
    ['[basic]\nidp_id = x\n', `credentials file ${FILE}, line 2: [basic] has idp_id but no id_token_file`],
    ['[global]\nak = A\nsk = B\n', `credentials file ${FILE}: no [basic] section`],
    [
      '[basic]\nproject_id = p\n',
      `credentials file ${FILE}: [basic] has neither ak and sk nor idp_id and id_token_file`,
    ],
  ])('%j', (text, message) => {
    let error: unknown;
    try {
      readProfileSection(text, FILE, 'basic');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CbrConfigError);
    expect((error as Error).message).toBe(message);
    expect((error as Error).message).not.toContain(SECRET);
  });
});

it('fromProfile reads the file named by HUAWEICLOUD_SDK_CREDENTIALS_FILE, section [basic] by default', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cbr-profile-'));
  const file = join(dir, 'credentials');
  writeFileSync(file, `[basic]\nak = HPUAFILE\nsk = ${SECRET}\n[other]\nak = OTHER\nsk = other\n`);
  const keys = await fromProfile({ env: { HUAWEICLOUD_SDK_CREDENTIALS_FILE: file } })({});
  expect(keys).toEqual({ accessKey: 'HPUAFILE', secretKey: SECRET });
  expect((await fromProfile({ file, section: 'other' })({})).accessKey).toBe('OTHER');
  await expect(fromProfile({ file: join(dir, 'missing') })({})).rejects.toThrow(
    `credentials file: cannot read ${join(dir, 'missing')} (ENOENT)`,
  );
});
