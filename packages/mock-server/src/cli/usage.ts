// The help of `cbr-mock-server` (--help, and after every usage error).

/** What `cbr-mock-server --help` prints. */
export const USAGE = `Usage: cbr-mock-server [options]

A stand-in for the Huawei Cloud CBR restore point API (POST/GET /v3/{project_id}/checkpoints,
GET /v3/{project_id}/backups, GET/DELETE /v3/{project_id}/backups/{backup_id}),
and for the IAM routes the SDK uses (POST /v3/auth/tokens, GET /v3/projects) on the same port,
validating requests against the SDK's OpenAPI specs. With the options below it also serves the
keyless sources of temporary keys: an ECS server's metadata service, OIDC federation at IAM
(POST /v3.0/OS-AUTH/id-token/tokens, the OS-FEDERATION route, POST /v3.0/OS-CREDENTIAL/securitytokens)
and CCE pod identity (POST /v1/credentials). Holds the seed page's vault
3b5816b5-f29c-4172-9d9a-76c719a659ce with server 94eba8b2-acc9-4d82-badc-127144cc5526, and one
project per region (cn-north-4: f841e01fd2b14e7fa41b6ae7aa6b0594).

Options:
  --port <n>                Port to listen on (default 4010; 0 picks a free one)
  --host <address>          Address to listen on (default 127.0.0.1)
  --available-after <ms>    Time a restore point stays "protecting" (default 1000)
  --max-checkpoints <n>     Restore points kept; when full, the oldest done one is forgotten (default 100000)
  --vault-size <GB>         Capacity of the vault; a create whose backups do not fit answers
                            BackupService.6114 (default: unbounded; each backup uses its resource's 40 GB)
  --deleted-after <ms>      Time a deleted backup stays "deleting" before it is gone (default 1000)
  --retention-day <ms>      Length of one day of retention_duration_days (default 86400000, a real day)
  --token <token>           Accept only this X-Auth-Token (repeatable; default: any non-empty token)
  --access-key <ak:sk>      Accept AK/SK signatures by this key pair (repeatable)
  --iam-user <d/u:password> Let user u of account d obtain tokens with this password (repeatable;
                            a throwaway test password: it is visible to ps)
  --token-ttl <ms>          Lifetime of the tokens the mock's IAM issues (default 86400000, 24 h)
  --iam-token-size <chars>  Length of every token the mock's IAM issues, 1024 to 120000
                            (default about 6000; Huawei documents tokens of up to 100000)
  --metadata                Serve the metadata service of an ECS server with an agency
                            (point HUAWEICLOUD_SDK_METADATA_ENDPOINT at the mock's URL)
  --metadata-session-token <required|optional|unsupported>
                            The session-token step (default required; unsupported: the PUT is 404)
  --metadata-no-agency      The server has no agency ("Please configure Cloud Service Agency first")
  --credential-ttl <ms>     Lifetime of the keys from metadata and pod identity (default 3600000, 1 h)
  --identity-provider <id>  Let IAM exchange ID tokens of this identity provider (repeatable)
  --id-token-file <id=path> Write an ID token of identity provider <id> to <path> now and every 30 min
                            (valid 1 h), as Kubernetes rotates a projected token (repeatable)
  --pod-identity <file>     Serve pod identity; a pod must send the contents of <file> (trimmed)
                            as Authorization (HC_CONTAINER_AUTHORIZATION_TOKEN_FILE=<file>,
                            HC_CONTAINER_CREDENTIALS_FULL_URI=<url>/v1/credentials)
  --temporary-key-ttl <ms>  Lifetime of IAM's temporary keys, in place of the duration_seconds asked
  --cors [origins]          Let browser pages call the mock: any origin, or only these
                            (comma-separated, repeatable: --cors http://localhost:5173)
  --quiet                   Do not log requests
  -h, --help                Show this help

Prints "cbr-mock-server listening on <url>" once ready; stops on SIGINT or SIGTERM.`;
