// The credentials file of Huawei's official SDKs and tools (`~/.huaweicloud/credentials`, or
// HUAWEICLOUD_SDK_CREDENTIALS_FILE): INI, section [basic] (project level, what CBR uses), keys ak, sk,
// security_token, project_id, iam_endpoint, idp_id, id_token_file. idp_id + id_token_file mean OIDC federation.
// A file that exists but cannot be used is an error naming the file, the line and the key, never a value.
import { CbrConfigError } from '../../errors/cbr-error.js';
import type { AccessKeyProvider, TemporaryAccessKeys } from '../credentials.js';
import { nameSource } from '../source-name.js';
import { fromIdToken } from './id-token.js';
import { homeDirectory, processEnv, readTextFile } from './node-files.js';

/** Options of {@link fromProfile}. */
export interface ProfileOptions {
  /** The credentials file. Default: `HUAWEICLOUD_SDK_CREDENTIALS_FILE`, else `~/.huaweicloud/credentials`. */
  file?: string;
  /** The section to read. Default `basic`. */
  section?: string;
  /** Where the environment variables (and HOME) are read; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The environment variable naming the credentials file (the official SDKs' name). */
export const CREDENTIALS_FILE_VARIABLE = 'HUAWEICLOUD_SDK_CREDENTIALS_FILE';

/** The credentials file `options` point at: the option, the variable, else `~/.huaweicloud/credentials`. */
export function credentialsFilePath(options: ProfileOptions = {}): string | undefined {
  const env = options.env ?? processEnv();
  const given = options.file ?? env[CREDENTIALS_FILE_VARIABLE]?.trim();
  if (given) return given;
  const home = homeDirectory(env);
  return home === undefined ? undefined : `${home.replace(/[\\/]+$/, '')}/.huaweicloud/credentials`;
}

/** One key of a section, with the line it is on (for errors). */
interface Entry {
  value: string;
  line: number;
}

/**
 * The sections of an INI text: `[name]` lines, `key = value` (or `key=value`, `key: value`) lines, comments
 * (`#`, `;`) and blank lines, as Python's configparser, Go's ini and Java's reader all accept. Keys are
 * case-insensitive. An error names the line, never its text (it may hold a secret).
 */
export function parseIni(text: string, file: string): Map<string, Map<string, Entry>> {
  const sections = new Map<string, Map<string, Entry>>();
  let current: Map<string, Entry> | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    const header = /^\[([^\]]+)\]$/.exec(trimmed);
    if (header) {
      const name = (header[1] as string).trim();
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      return;
    }
    const pair = /^([A-Za-z0-9_.-]+)\s*[=:]\s*(.*)$/.exec(trimmed);
    if (!pair) {
      throw new CbrConfigError(`credentials file ${file}, line ${line}: not a [section] or a key = value line`);
    }
    const key = (pair[1] as string).toLowerCase();
    if (current === undefined) {
      throw new CbrConfigError(`credentials file ${file}, line ${line}: key ${key} is outside any [section]`);
    }
    if (current.has(key)) {
      throw new CbrConfigError(`credentials file ${file}, line ${line}: key ${key} is given twice in its section`);
    }
    current.set(key, { value: (pair[2] as string).trim(), line });
  });
  return sections;
}

/** What a section of the credentials file configures. */
export type ProfileSettings =
  | { kind: 'access-key'; accessKey: string; secretKey: string; securityToken?: string; projectId?: string }
  | { kind: 'id-token'; idpId: string; idTokenFile: string; iamEndpoint?: string; projectId?: string };

/** The settings of `section`, checked; errors name the file, the line and the key. */
export function readProfileSection(text: string, file: string, section: string): ProfileSettings {
  const entries = parseIni(text, file).get(section);
  if (entries === undefined) throw new CbrConfigError(`credentials file ${file}: no [${section}] section`);
  const value = (key: string) => {
    const entry = entries.get(key);
    if (entry !== undefined && entry.value === '') {
      throw new CbrConfigError(`credentials file ${file}, line ${entry.line}: key ${key} is empty`);
    }
    return entry?.value;
  };
  const lineOf = (key: string) => entries.get(key)?.line;
  const projectId = value('project_id');
  const extra = projectId === undefined ? {} : { projectId };
  const idpId = value('idp_id');
  const idTokenFile = value('id_token_file');
  if (idpId !== undefined || idTokenFile !== undefined) {
    if (idpId === undefined) {
      throw new CbrConfigError(
        `credentials file ${file}, line ${lineOf('id_token_file')}: [${section}] has id_token_file but no idp_id`,
      );
    }
    if (idTokenFile === undefined) {
      throw new CbrConfigError(
        `credentials file ${file}, line ${lineOf('idp_id')}: [${section}] has idp_id but no id_token_file`,
      );
    }
    const iamEndpoint = value('iam_endpoint');
    return { kind: 'id-token', idpId, idTokenFile, ...(iamEndpoint === undefined ? {} : { iamEndpoint }), ...extra };
  }
  const accessKey = value('ak');
  const secretKey = value('sk');
  if (accessKey === undefined && secretKey === undefined) {
    throw new CbrConfigError(
      `credentials file ${file}: [${section}] has neither ak and sk nor idp_id and id_token_file`,
    );
  }
  if (accessKey === undefined) {
    throw new CbrConfigError(`credentials file ${file}, line ${lineOf('sk')}: [${section}] has sk but no ak`);
  }
  if (secretKey === undefined) {
    throw new CbrConfigError(`credentials file ${file}, line ${lineOf('ak')}: [${section}] has ak but no sk`);
  }
  const securityToken = value('security_token');
  return {
    kind: 'access-key',
    accessKey,
    secretKey,
    ...(securityToken === undefined ? {} : { securityToken }),
    ...extra,
  };
}

/**
 * Credentials from the credentials file shared with Huawei's official SDKs. Access keys are read once; with
 * `idp_id` and `id_token_file`, the keys come from OIDC federation (the ID token file read at every refresh).
 */
export function fromProfile(options: ProfileOptions = {}): AccessKeyProvider {
  const file = credentialsFilePath(options);
  if (file === undefined)
    throw new CbrConfigError(`fromProfile: no credentials file (set ${CREDENTIALS_FILE_VARIABLE})`);
  const section = options.section ?? 'basic';
  let federated: AccessKeyProvider | undefined;
  const provider: AccessKeyProvider = async (context = {}) => {
    if (federated !== undefined) return federated(context);
    const settings = readProfileSection(await readTextFile(file, 'credentials file'), file, section);
    if (settings.kind === 'id-token') {
      federated = fromIdToken({
        idpId: settings.idpId,
        idTokenFile: settings.idTokenFile,
        ...(settings.iamEndpoint === undefined ? {} : { iamEndpoint: withScheme(settings.iamEndpoint) }),
        env: {},
      });
      return federated(context);
    }
    const keys: TemporaryAccessKeys = { accessKey: settings.accessKey, secretKey: settings.secretKey };
    if (settings.securityToken !== undefined) keys.securityToken = settings.securityToken;
    return keys;
  };
  return nameSource(provider, `credentials file (${file}, [${section}])`);
}

/** `iam.example.com` → `https://iam.example.com`, as Huawei's Go core reads IAM endpoints. */
const withScheme = (endpoint: string) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`);
