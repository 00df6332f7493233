// The IAM calls the SDK makes for its users: a project-scoped token for a password, the projects named after a
// region for AK/SK. They are operations like CBR's: built by the generated IAM client, sent through the same
// RequestSender (timeout, safe retries, hooks and log lines that name them, typed errors). They take no caller's
// signal: their answer is shared by every call waiting for it, and each of those gives up on its own.
import {
  Configuration,
  type KeystoneCreateUserTokenByPasswordRequestBody,
  ProjectsApiAxiosParamCreator,
  TokensApiAxiosParamCreator,
} from '@cbr-sdk/checkpoint-api/iam';
import type { PasswordCredentials } from '../auth/credentials.js';
import type { IssuedToken } from '../auth/token-cache.js';
import { buildRequest } from '../transport/build-request.js';
import type { RequestSender } from '../transport/request-sender.js';
import type { PreparedRequest } from '../transport/transport.js';
import { readIssuedToken, readProjectIds } from './read-iam-answers.js';

/** What a token is scoped to: the project by ID, or by name (a region's project is named after the region). */
export type ProjectScope = { id: string } | { name: string };

/** Signs a request (AK/SK); IAM's project query needs credentials. */
export type SignRequest = (request: PreparedRequest) => Promise<PreparedRequest>;

export interface IamClientOptions {
  endpoint: string;
  sender: RequestSender;
  extraHeaders: Readonly<Record<string, string>>;
  /** A monotonic clock, as the token cache's. */
  now?: () => number;
}

/**
 * The password as it is, and as it appears in JSON text once, twice and three times escaped (an error body
 * that quotes the request body inside a JSON string): none of these forms may reach an error.
 */
function passwordForms(password: string): string[] {
  const forms = [password];
  for (let depth = 0; depth < 3; depth++) forms.push(JSON.stringify(forms.at(-1)).slice(1, -1));
  return [...new Set(forms)];
}

export class IamClient {
  readonly #options: IamClientOptions;
  readonly #tokens = TokensApiAxiosParamCreator(new Configuration());
  readonly #projects = ProjectsApiAxiosParamCreator(new Configuration());

  constructor(options: IamClientOptions) {
    this.#options = options;
  }

  /**
   * Obtains a project-scoped token with an IAM user's password (POST /v3/auth/tokens?nocatalog=true). A 401
   * (wrong password, locked user) is never retried: IAM locks a user after a few wrong passwords.
   */
  createToken(user: PasswordCredentials, scope: ProjectScope): Promise<IssuedToken> {
    const { endpoint, sender, extraHeaders } = this.#options;
    const now = this.#options.now ?? (() => performance.now());
    const body: KeystoneCreateUserTokenByPasswordRequestBody = {
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: user.userName, password: user.password, domain: { name: user.domainName } } },
        },
        scope: { project: scope },
      },
    };
    let requestedAt = 0;
    return sender.send({
      operation: 'keystoneCreateUserTokenByPassword',
      // Not idempotent: IAM counts a wrong password even when its answer is lost (a reset, a 5xx, a timeout),
      // and locks the user after five. So the password is sent again only where IAM provably did not see it
      // (connection refused, 429), as a create is; a refusal (401/403) is never sent again.
      idempotent: false,
      prepare: async () => {
        const request = await buildRequest(
          'keystoneCreateUserTokenByPassword',
          endpoint,
          () => this.#tokens.keystoneCreateUserTokenByPassword(body, 'true'),
          extraHeaders,
        );
        requestedAt = now();
        return { ...request, secrets: passwordForms(user.password) };
      },
      read: (response, secrets) => readIssuedToken(response, requestedAt, secrets),
    });
  }

  /** The IDs of the projects named `name` (GET /v3/projects?name=…), signed by `sign`. */
  findProjectIds(name: string, sign: SignRequest): Promise<string[]> {
    const { endpoint, sender, extraHeaders } = this.#options;
    return sender.send({
      operation: 'keystoneListProjects',
      idempotent: true,
      prepare: async () =>
        sign(
          await buildRequest(
            'keystoneListProjects',
            endpoint,
            () => this.#projects.keystoneListProjects(name),
            extraHeaders,
          ),
        ),
      read: (response, secrets) => readProjectIds(response, name, secrets),
    });
  }
}
