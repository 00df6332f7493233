// The default credentials, used when `credentials` is left out, by CbrClient.fromEnv() and by the `cbr`
// command: environment → credentials file → CCE pod identity → ECS metadata. Pod identity comes before the
// metadata service on purpose: inside a pod, the node's metadata service may answer with the node's agency,
// the wrong identity (AWS orders its chain the same way). The first source that is configured is used; a source
// that is configured but fails is an error, never a silent fall-through to another identity. When none is
// configured (off-cloud, the metadata service does not answer within about a second), the CbrConfigError lists
// every source and why it was skipped.
import { CREDENTIAL_VARIABLES_TEXT, staticCredentialsFromEnv } from '../config/from-env.js';
import { CbrConfigError, CbrNetworkError, CbrTimeoutError } from '../errors/cbr-error.js';
import type { AccessKeyProvider, Credentials } from './credentials.js';
import { nameSource, sourceNameOf } from './source-name.js';
import { fromEcsMetadata, metadataEndpoint } from './sources/ecs-metadata.js';
import { fromIdToken, ID_TOKEN_VARIABLES } from './sources/id-token.js';
import { fileExists, processEnv } from './sources/node-files.js';
import { fromPodIdentity, POD_IDENTITY_VARIABLES } from './sources/pod-identity.js';
import { CREDENTIALS_FILE_VARIABLE, credentialsFilePath, fromProfile } from './sources/profile.js';

/** Options of {@link defaultCredentials}. */
export interface DefaultCredentialsOptions {
  /** The environment to read; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Timeout of each request to the metadata service, in milliseconds. Default 1000. */
  metadataTimeoutMs?: number;
}

/** The sources of the default chain, in order (for docs and error messages). */
export const CREDENTIAL_SOURCES = ['environment', 'credentials file', 'CCE pod identity', 'ECS metadata'] as const;

/**
 * The credentials of the first configured source: the environment (AK/SK, an identity provider and its ID
 * token, an IAM user, a token), the credentials file, CCE pod identity, the ECS metadata service. Nothing is
 * fetched here: the first request asks the source. The result's source: `client.credentialSource`.
 */
export function defaultCredentials(options: DefaultCredentialsOptions = {}): Credentials {
  const env = options.env ?? processEnv();
  const skipped: string[] = [];

  // 1. The environment. An identity provider wins over AK/SK, as in the official SDKs.
  const idpId = env[ID_TOKEN_VARIABLES.idpId]?.trim();
  if (idpId) {
    const federated = fromIdToken({ env });
    return nameSource(federated, `environment: ${sourceNameOf(federated)}`);
  }
  if (env[ID_TOKEN_VARIABLES.idTokenFile]?.trim()) {
    throw new CbrConfigError(
      `cannot configure the CBR client from the environment: missing ${ID_TOKEN_VARIABLES.idpId} (beside ${ID_TOKEN_VARIABLES.idTokenFile})`,
    );
  }
  const fromEnvironment = staticCredentialsFromEnv(env);
  if (fromEnvironment !== undefined) {
    const variable =
      'accessKey' in fromEnvironment
        ? 'HUAWEICLOUD_SDK_AK'
        : 'userName' in fromEnvironment
          ? 'HUAWEICLOUD_SDK_USER_NAME'
          : 'HUAWEICLOUD_SDK_TOKEN';
    return nameSource(fromEnvironment, `environment (${variable})`);
  }
  skipped.push(`environment: none of ${CREDENTIAL_VARIABLES_TEXT}, or ${ID_TOKEN_VARIABLES.idpId} is set`);

  // 2. The credentials file: the one named must exist; the default one is used when it exists.
  const named = env[CREDENTIALS_FILE_VARIABLE]?.trim();
  const file = credentialsFilePath({ env });
  if (named) {
    if (!fileExists(named))
      throw new CbrConfigError(`${CREDENTIALS_FILE_VARIABLE} names ${named}, which is not a file`);
    return fromProfile({ env });
  }
  if (file !== undefined && fileExists(file)) return fromProfile({ env });
  skipped.push(`credentials file: ${file ?? '~/.huaweicloud/credentials'} does not exist`);

  // 3. CCE pod identity.
  if (env[POD_IDENTITY_VARIABLES.uri]?.trim()) return fromPodIdentity({ env });
  skipped.push(`CCE pod identity: ${POD_IDENTITY_VARIABLES.uri} is not set`);

  // 4. The ECS metadata service: "configured" when it answers.
  const metadata = fromEcsMetadata({
    env,
    ...(options.metadataTimeoutMs === undefined ? {} : { timeoutMs: options.metadataTimeoutMs }),
  });
  const endpoint = metadataEndpoint({ env });
  const lastResort: AccessKeyProvider = async (context) => {
    try {
      return await metadata(context);
    } catch (error) {
      if (!(error instanceof CbrNetworkError || error instanceof CbrTimeoutError)) throw error;
      const why = error instanceof CbrTimeoutError ? `no answer within ${error.timeoutMs} ms` : error.message;
      throw new CbrConfigError(
        `no credentials found. Tried, in order: ${[
          ...skipped,
          `ECS metadata: ${endpoint} did not answer (${why}): not an ECS server`,
        ].join('; ')}. Configure one of them, or pass credentials`,
        { cause: error },
      );
    }
  };
  return nameSource(lastResort, sourceNameOf(metadata));
}
