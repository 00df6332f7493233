// The options each command receives from commander (`command.optsWithGlobals()`), as typed values.

/** Options every command takes (declared on the program, usable before or after the command's name). */
export interface GlobalOptions {
  /** --region: the Huawei Cloud region, e.g. `cn-north-4`. Default: HUAWEICLOUD_SDK_REGION. */
  region?: string;
  /** --endpoint: the CBR endpoint URL (wins over the region). Default: CBR_ENDPOINT, else the region's. */
  endpoint?: string;
  /** --project-id: the project ID. Default: HUAWEICLOUD_SDK_PROJECT_ID, else found from the region. */
  projectId?: string;
  /** --timeout: the timeout of each HTTP request, in milliseconds. Default: the SDK's (30 s). */
  timeout?: number;
  /** --verbose: a line on stderr per HTTP answer and retry. Default: off. */
  verbose?: boolean;
  /** --token-stdin: read an IAM token from standard input. Default: off (credentials from the environment). */
  tokenStdin?: boolean;
}

/** The output option of the commands that print a restore point. */
export interface OutputOptions {
  /** --json: the restore point (or an error) as one JSON document. Default: off (a text summary). */
  json?: boolean;
}

/** The options of a command that waits. */
export interface WaitFlags {
  /** --wait-for-resources: also wait until every resource's protect_status is available. Default: off. */
  waitForResources?: boolean;
  /** --wait-timeout: give up waiting after this long, in milliseconds. Default: 30 minutes. */
  waitTimeout?: number;
  /** --poll-interval: the first pause between polls, in milliseconds. Default: the SDK's (2 s, growing to 30 s). */
  pollInterval?: number;
}

/** The options of `cbr checkpoint create`. */
export interface CreateOptions extends GlobalOptions, OutputOptions, WaitFlags {
  /** --vault: the ID of the vault to back up (required). */
  vault: string;
  /** --resource (repeatable): the IDs of the vault's resources to back up. Default: the whole vault. */
  resource?: string[];
  /** --name: the restore point's name (1 to 64 characters). Default: the service names it. */
  name?: string;
  /** --description: its description (at most 255 characters, may be empty). Default: none. */
  description?: string;
  /** false only when --no-incremental was given (commander's default for a lone negation is true). */
  incremental: boolean;
  /** --auto-trigger: mark the backup as automatically triggered. Default: off. */
  autoTrigger?: boolean;
  /** --retention: days to keep the backups (`retention_duration_days`), -1 for ever. Default: the service's (for ever). */
  retention?: number;
  /** --wait (implied by the wait flags): wait until the restore point is available. Default: off. */
  wait?: boolean;
}

/** The options of `cbr checkpoint get`. */
export type GetOptions = GlobalOptions & OutputOptions;

/** The options of `cbr checkpoint wait`. */
export type WaitOptions = GlobalOptions & OutputOptions & WaitFlags;

/** The options of `cbr backup list`. */
export interface BackupListOptions extends GlobalOptions, OutputOptions {
  /** --checkpoint: only the backups of this restore point (its ID). Default: any. */
  checkpoint?: string;
  /** --vault: only the backups in this vault (its ID). Default: any. */
  vault?: string;
  /** --name: only the backups of this name. Default: any. */
  name?: string;
  /** --resource: only the backups of this resource (its ID). Default: any. */
  resource?: string;
  /** Any of these statuses (repeatable). */
  status?: string[];
}

/** The options of `cbr backup delete`. */
export interface BackupDeleteOptions extends GlobalOptions, OutputOptions {
  /** --wait (implied by --wait-timeout and --poll-interval): wait until the backups are gone. Default: off. */
  wait?: boolean;
  /** --wait-timeout: give up waiting after this long, in milliseconds. Default: 30 minutes. */
  waitTimeout?: number;
  /** --poll-interval: the first pause between polls, in milliseconds. Default: the SDK's (2 s, growing to 30 s). */
  pollInterval?: number;
}

/** The options of `cbr checkpoint prune`. */
export interface PruneOptions extends GlobalOptions, OutputOptions {
  /** --vault: the ID of the vault to prune (required). */
  vault: string;
  /** --name-prefix: only manual restore points whose name starts with this are pruned (required). */
  namePrefix: string;
  /** --keep: how many of those restore points to keep, newest first (required; 0 or more). */
  keep: number;
  /** Delete; without it, only the plan is shown. */
  yes?: boolean;
  /** --wait (implied by --wait-timeout and --poll-interval): wait until the deleted backups are gone (their space is free). Default: off. */
  wait?: boolean;
  /** --wait-timeout: give up waiting after this long, in milliseconds. Default: 30 minutes. */
  waitTimeout?: number;
  /** --poll-interval: the first pause between polls, in milliseconds. Default: the SDK's (2 s, growing to 30 s). */
  pollInterval?: number;
}
